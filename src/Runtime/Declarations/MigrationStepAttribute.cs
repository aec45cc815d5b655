namespace SecureApi;

/// <summary>
/// A hand-written migration step of this resource: SQL that runs once per database (recorded by <paramref name="id"/> in
/// <c>secureapi_schema_history</c>), before the automatic steps, in a transaction of its own. Use it to fix data so a
/// change the migration refuses becomes safe (fill empty values before a member becomes required, convert values
/// before a type change, shorten values before a shorter maximum length), then name that member in <see cref="Member"/>
/// to allow the change; or, with <see cref="Table"/>, to drop the table of a resource you removed. The SQL is constant
/// (the generator checks it names its table); values never reach it.
/// </summary>
/// <param name="id">The step's id, unique and never reused: steps that have not run yet run in id order (ordinal).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MigrationStepAttribute(string id) : Attribute
{
    /// <summary>The step's id, as recorded in the history table.</summary>
    public string Id { get; } = id;

    /// <summary>The statement(s) for SQLite.</summary>
    public string? Sqlite { get; set; }

    /// <summary>The statement(s) for PostgreSQL.</summary>
    public string? PostgreSql { get; set; }

    /// <summary>
    /// The member (or, once removed, the column) whose refused change this step prepares: a type change, a member made
    /// required, a shorter maximum length or a dropped column is then applied after the step.
    /// </summary>
    public string? Member { get; set; }

    /// <summary>The table the step works on when it is not this resource's: the table of a removed resource, which the step drops.</summary>
    public string? Table { get; set; }
}
