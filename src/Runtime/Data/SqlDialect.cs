namespace SecureApi.Data;

/// <summary>The SQL engines SecureApi generates statements for.</summary>
public enum SqlDialect
{
    /// <summary>Embedded, the default: a file under the app's data folder.</summary>
    Sqlite,

    /// <summary>Chosen by setting <c>SecureApi:Database:PostgreSql</c> to a connection string.</summary>
    PostgreSql,
}
