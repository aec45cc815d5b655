namespace SecureApi.Data;

/// <summary>The <c>SecureApi:Database</c> section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>
    /// <c>Sqlite</c> or <c>PostgreSql</c>. Required outside Development when the service has resources, so a missing
    /// connection string cannot quietly fall back to a local SQLite file. Unset in Development: PostgreSQL when
    /// <see cref="PostgreSql"/> is set, otherwise SQLite.
    /// </summary>
    public SqlDialect? Engine { get; set; }

    /// <summary>A PostgreSQL connection string (from the environment or a secret store, not a checked-in file). Required when <see cref="Engine"/> is <c>PostgreSql</c>.</summary>
    public string? PostgreSql { get; set; }

    /// <summary>The SQLite file. Relative paths are under the content root. Default <c>data/secureapi.db</c>.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "secureapi.db");

    /// <summary>
    /// Migrate the schema at start-up (create missing tables, apply safe changes and declared ones). Default true; turn
    /// off to run the service's <c>migrate</c> command from a deployment step instead.
    /// </summary>
    public bool ApplySchemaOnStartup { get; set; } = true;

    /// <summary>The schema migration's settings.</summary>
    public SecureApi.Data.Migrations.MigrationsOptions Migrations { get; set; } = new();
}
