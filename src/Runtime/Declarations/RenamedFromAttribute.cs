namespace SecureApi;

/// <summary>
/// The member's column was called <paramref name="previousName"/> (its column name, snake_case as SecureApi stored it):
/// the schema migration renames the column and keeps its values instead of refusing to start. Keep it for at least one
/// release, until every database the service writes to has migrated.
/// </summary>
/// <param name="previousName">The column's previous name, as in the database and the checked-in schema snapshot.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class RenamedFromAttribute(string previousName) : Attribute
{
    /// <summary>The column's previous name.</summary>
    public string PreviousName { get; } = previousName;
}
