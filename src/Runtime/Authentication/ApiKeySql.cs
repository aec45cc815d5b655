namespace SecureApi.Authentication;

/// <summary>
/// The framework table of minted API keys. The key itself is never stored: <c>secret_hash</c> is the SHA-256 of the
/// whole key. Roles and scopes are space-separated (as OAuth's <c>scope</c>): neither may contain a space.
/// </summary>
internal static class ApiKeySql
{
    public const string SqliteSchema = """
        CREATE TABLE IF NOT EXISTS secureapi_api_keys (
            id TEXT NOT NULL PRIMARY KEY,
            secret_hash BLOB NOT NULL,
            subject TEXT NOT NULL,
            tenant TEXT NULL,
            roles TEXT NOT NULL,
            scopes TEXT NOT NULL,
            client_kind TEXT NOT NULL,
            tier TEXT NULL,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NULL,
            revoked_at TEXT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_secureapi_api_keys_subject ON secureapi_api_keys (subject, created_at);
        """;

    public const string PostgreSqlSchema = """
        CREATE TABLE IF NOT EXISTS secureapi_api_keys (
            id text NOT NULL PRIMARY KEY,
            secret_hash bytea NOT NULL,
            subject text NOT NULL,
            tenant text NULL,
            roles text NOT NULL,
            scopes text NOT NULL,
            client_kind text NOT NULL,
            tier text NULL,
            name text NOT NULL,
            created_at timestamptz NOT NULL,
            expires_at timestamptz NULL,
            revoked_at timestamptz NULL
        );
        CREATE INDEX IF NOT EXISTS ix_secureapi_api_keys_subject ON secureapi_api_keys (subject, created_at);
        """;

    /// <summary>
    /// Columns added after the table's first release, for tables created before them: (column, SQLite type, PostgreSQL type).
    /// Each is added when missing, so an existing database keeps its keys.
    /// </summary>
    public static readonly IReadOnlyList<(string Column, string SqliteType, string PostgreSqlType)> AddedColumns =
    [
        ("tier", "TEXT NULL", "text NULL"),
    ];

    // The statements below are written in the SQL that SQLite and PostgreSQL share.

    public const string Insert = """
        INSERT INTO secureapi_api_keys (id, secret_hash, subject, tenant, roles, scopes, client_kind, tier, name, created_at, expires_at, revoked_at)
        VALUES (@id, @secret_hash, @subject, @tenant, @roles, @scopes, @client_kind, @tier, @name, @created_at, @expires_at, NULL)
        """;

    /// <summary>What authentication needs, by primary key: one indexed read per request.</summary>
    public const string Find = """
        SELECT secret_hash, subject, tenant, roles, scopes, client_kind, expires_at, revoked_at, tier
        FROM secureapi_api_keys
        WHERE id = @id
        """;

    private const string Columns = "id, subject, tenant, roles, scopes, client_kind, name, created_at, expires_at, revoked_at, tier";

    /// <summary>Everything but the hash.</summary>
    public const string Get = "SELECT " + Columns + " FROM secureapi_api_keys WHERE id = @id";

    public const string List = "SELECT " + Columns + " FROM secureapi_api_keys ORDER BY created_at, id";

    public const string ListBySubject = "SELECT " + Columns + " FROM secureapi_api_keys WHERE subject = @subject ORDER BY created_at, id";

    /// <summary>Revoking twice keeps the first time.</summary>
    public const string Revoke = """
        UPDATE secureapi_api_keys
        SET revoked_at = COALESCE(revoked_at, @now)
        WHERE id = @id
        """;
}
