namespace SecureApi.Data;

/// <summary>The SQL engines SecureApi generates statements for.</summary>
public enum SqlDialect
{
    /// <summary>Embedded, the default: a file under the app's data folder.</summary>
    Sqlite,

    /// <summary><c>SecureApi:Database:Engine</c> = <c>PostgreSql</c> (or, in Development, just a connection string in <c>SecureApi:Database:PostgreSql</c>).</summary>
    PostgreSql,
}
