using System.ComponentModel;

namespace SecureApi.Data.Migrations;

/// <summary>A <c>[MigrationStep]</c> as the generator emits it (checked there: constant SQL for both engines that names its table).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class HandWrittenStep
{
    public required string Id { get; init; }

    public required string Sqlite { get; init; }

    public required string PostgreSql { get; init; }

    /// <summary>The member or column whose refused change the step prepares, or null.</summary>
    public string? Member { get; init; }

    /// <summary>The table it works on when not its resource's (a removed resource's), or null.</summary>
    public string? Table { get; init; }

    internal string SqlFor(SqlDialect dialect) => dialect == SqlDialect.PostgreSql ? PostgreSql : Sqlite;
}
