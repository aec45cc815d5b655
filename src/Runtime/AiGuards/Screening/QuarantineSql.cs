namespace SecureApi.AiGuards.Screening;

/// <summary>
/// The framework table of quarantined text, <c>secureapi_quarantine</c>: one row per stored member whose value matched
/// a rule in quarantine mode, keyed by resource (table), row key and member, with the rule ids, who wrote it and when.
/// The resource's own row is untouched; the flag lives beside it and is written in the row's own transaction.
/// </summary>
internal static class QuarantineSql
{
    public const string SqliteSchema = """
        CREATE TABLE IF NOT EXISTS secureapi_quarantine (
            resource TEXT NOT NULL,
            resource_key TEXT NOT NULL,
            member TEXT NOT NULL,
            rules TEXT NOT NULL,
            subject TEXT NOT NULL,
            quarantined_at TEXT NOT NULL,
            PRIMARY KEY (resource, resource_key, member)
        );
        """;

    public const string PostgreSqlSchema = """
        CREATE TABLE IF NOT EXISTS secureapi_quarantine (
            resource text NOT NULL,
            resource_key text NOT NULL,
            member text NOT NULL,
            rules text NOT NULL,
            subject text NOT NULL,
            quarantined_at text NOT NULL,
            PRIMARY KEY (resource, resource_key, member)
        );
        """;

    // The statements below are written in the SQL that SQLite and PostgreSQL share.
    public const string Upsert = """
        INSERT INTO secureapi_quarantine (resource, resource_key, member, rules, subject, quarantined_at)
        VALUES (@resource, @resource_key, @member, @rules, @subject, @quarantined_at)
        ON CONFLICT (resource, resource_key, member) DO UPDATE
        SET rules = excluded.rules, subject = excluded.subject, quarantined_at = excluded.quarantined_at
        """;

    public const string DeleteMember = """
        DELETE FROM secureapi_quarantine
        WHERE resource = @resource AND resource_key = @resource_key AND member = @member
        """;

    public const string DeleteRow = """
        DELETE FROM secureapi_quarantine
        WHERE resource = @resource AND resource_key = @resource_key
        """;

    public const string Exists = """
        SELECT 1
        FROM secureapi_quarantine
        WHERE resource = @resource AND resource_key = @resource_key
        """;

    /// <summary>The records of some rows of one resource; <see cref="QuarantineView"/> appends the key list, <c>(@k0, @k1, …)</c>.</summary>
    public const string ListForRows = """
        SELECT resource_key, member, subject
        FROM secureapi_quarantine
        WHERE resource = @resource AND resource_key IN
        """;

    public const string List = """
        SELECT resource, resource_key, member, rules, subject, quarantined_at
        FROM secureapi_quarantine
        WHERE (@resource IS NULL OR resource = @resource)
        ORDER BY quarantined_at DESC, resource, resource_key, member
        LIMIT @limit
        """;
}
