namespace SecureApi.Data;

/// <summary>The <c>SecureApi:Database</c> section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>A PostgreSQL connection string. When set, every store uses PostgreSQL; otherwise SQLite.</summary>
    public string? PostgreSql { get; set; }

    /// <summary>The SQLite file. Relative paths are under the content root. Default <c>data/secureapi.db</c>.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "secureapi.db");

    /// <summary>Create missing tables at start-up. Default true; turn off to apply <c>SchemaScript</c> output yourself.</summary>
    public bool ApplySchemaOnStartup { get; set; } = true;
}
