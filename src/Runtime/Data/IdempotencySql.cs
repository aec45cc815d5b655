namespace SecureApi.Data;

/// <summary>
/// The framework table that remembers <c>Idempotency-Key</c>s: one row per caller, endpoint and key, written in the
/// transaction that creates the resource. The primary key makes a concurrent duplicate fail instead of creating twice.
/// </summary>
internal static class IdempotencySql
{
    public const string SqliteSchema = """
        CREATE TABLE IF NOT EXISTS secureapi_idempotency (
            subject TEXT NOT NULL,
            tenant TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            resource_key TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (subject, tenant, endpoint, idempotency_key)
        );
        CREATE INDEX IF NOT EXISTS ix_secureapi_idempotency_expiry ON secureapi_idempotency (subject, created_at);
        """;

    public const string PostgreSqlSchema = """
        CREATE TABLE IF NOT EXISTS secureapi_idempotency (
            subject text NOT NULL,
            tenant text NOT NULL,
            endpoint text NOT NULL,
            idempotency_key text NOT NULL,
            fingerprint text NOT NULL,
            resource_key text NOT NULL,
            created_at timestamptz NOT NULL,
            PRIMARY KEY (subject, tenant, endpoint, idempotency_key)
        );
        CREATE INDEX IF NOT EXISTS ix_secureapi_idempotency_expiry ON secureapi_idempotency (subject, created_at);
        """;

    // The statements below are written in the SQL that SQLite and PostgreSQL share.

    /// <summary>The caller's expired keys go before a new one is recorded (so an expired key can be used again).</summary>
    public const string DeleteExpired = """
        DELETE FROM secureapi_idempotency
        WHERE subject = @subject
          AND created_at < @expired
        """;

    public const string Find = """
        SELECT fingerprint, resource_key
        FROM secureapi_idempotency
        WHERE subject = @subject
          AND tenant = @tenant
          AND endpoint = @endpoint
          AND idempotency_key = @key
          AND created_at >= @expired
        """;

    public const string Insert = """
        INSERT INTO secureapi_idempotency (subject, tenant, endpoint, idempotency_key, fingerprint, resource_key, created_at)
        VALUES (@subject, @tenant, @endpoint, @key, @fingerprint, @resource_key, @now)
        """;
}
