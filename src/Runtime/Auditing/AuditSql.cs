namespace SecureApi.Auditing;

/// <summary>
/// The framework tables of the audit trail: <c>secureapi_audit</c>, one row per recorded change, hash-chained by
/// sequence; and <c>secureapi_audit_anchor</c>, one row holding the sequence and hash of the last record retention pruned
/// (the chain's new starting point). Times are stored as fixed-width ISO 8601 UTC text in both engines, so the hashed
/// text and the stored text are the same bytes and sort by time.
/// </summary>
internal static class AuditSql
{
    public const string SqliteSchema = """
        CREATE TABLE IF NOT EXISTS secureapi_audit (
            sequence INTEGER NOT NULL PRIMARY KEY,
            occurred_at TEXT NOT NULL,
            subject TEXT NOT NULL,
            actor TEXT NULL,
            client_kind TEXT NOT NULL,
            resource TEXT NOT NULL,
            resource_key TEXT NOT NULL,
            operation TEXT NOT NULL,
            changed_members TEXT NULL,
            outcome TEXT NOT NULL,
            trace_id TEXT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_secureapi_audit_time ON secureapi_audit (occurred_at);
        CREATE TABLE IF NOT EXISTS secureapi_audit_anchor (
            id INTEGER NOT NULL PRIMARY KEY,
            sequence INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        """;

    public const string PostgreSqlSchema = """
        CREATE TABLE IF NOT EXISTS secureapi_audit (
            sequence bigint NOT NULL PRIMARY KEY,
            occurred_at text NOT NULL,
            subject text NOT NULL,
            actor text NULL,
            client_kind text NOT NULL,
            resource text NOT NULL,
            resource_key text NOT NULL,
            operation text NOT NULL,
            changed_members text NULL,
            outcome text NOT NULL,
            trace_id text NULL,
            previous_hash text NOT NULL,
            hash text NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_secureapi_audit_time ON secureapi_audit (occurred_at);
        CREATE TABLE IF NOT EXISTS secureapi_audit_anchor (
            id integer NOT NULL PRIMARY KEY,
            sequence bigint NOT NULL,
            hash text NOT NULL
        );
        """;

    /// <summary>
    /// PostgreSQL: one transaction-scoped advisory lock serialises every append (and pruning), held until commit. An
    /// advisory lock rather than <c>SELECT … FOR UPDATE</c> on the head row, because an empty table has no row to lock
    /// and two first appends would both start the chain. The number is arbitrary but fixed ("SAPIAUDT" in ASCII).
    /// </summary>
    public const string PostgreSqlLock = "SELECT pg_advisory_xact_lock(6007568383008855124)";

    // The statements below are written in the SQL that SQLite and PostgreSQL share.

    public const string Head = "SELECT sequence, hash FROM secureapi_audit ORDER BY sequence DESC LIMIT 1";

    public const string Anchor = "SELECT sequence, hash FROM secureapi_audit_anchor WHERE id = 1";

    /// <summary>Appends after the head just read under the chain's lock. The outcome is always <c>succeeded</c>: a failed write leaves no record.</summary>
    public const string Insert = """
        INSERT INTO secureapi_audit (sequence, occurred_at, subject, actor, client_kind, resource, resource_key, operation, changed_members, outcome, trace_id, previous_hash, hash)
        VALUES (@sequence, @occurred_at, @subject, @actor, @client_kind, @resource, @resource_key, @operation, @changed_members, 'succeeded', @trace_id, @previous_hash, @hash)
        """;

    /// <summary>
    /// Appends after the head the trail remembers, in the same statement as checking that it is still the head: the row
    /// before exists with the hash the new record links to, and nothing comes after it. Inserts nothing (0 rows) when
    /// another instance appended since, an append was rolled back or retention removed the remembered row; the caller
    /// then reads the head and uses <see cref="Insert"/>. Both checks are primary-key lookups.
    /// </summary>
    public const string InsertAfterHead = """
        INSERT INTO secureapi_audit (sequence, occurred_at, subject, actor, client_kind, resource, resource_key, operation, changed_members, outcome, trace_id, previous_hash, hash)
        SELECT @sequence, @occurred_at, @subject, @actor, @client_kind, @resource, @resource_key, @operation, @changed_members, 'succeeded', @trace_id, @previous_hash, @hash
        WHERE EXISTS (SELECT 1 FROM secureapi_audit WHERE sequence = @sequence - 1 AND hash = @previous_hash)
        AND NOT EXISTS (SELECT 1 FROM secureapi_audit WHERE sequence >= @sequence)
        """;

    /// <summary>
    /// PostgreSQL: the chain's lock and <see cref="InsertAfterHead"/> in one round trip. Each statement of the batch takes
    /// its own snapshot (read committed), so the insert's checks see every append committed before the lock was granted.
    /// </summary>
    public const string PostgreSqlLockAndInsertAfterHead = PostgreSqlLock + ";\n" + InsertAfterHead;

    private const string Columns = "sequence, occurred_at, subject, actor, client_kind, resource, resource_key, operation, changed_members, outcome, trace_id, previous_hash, hash";

    /// <summary>Every record, oldest first: what verification walks.</summary>
    public const string All = "SELECT " + Columns + " FROM secureapi_audit ORDER BY sequence";

    /// <summary>A page, newest first, before a sequence (a cursor that is just a number: the trail is one ordered list).</summary>
    public const string PageBefore = "SELECT " + Columns + " FROM secureapi_audit WHERE sequence < @before ORDER BY sequence DESC LIMIT @limit";

    /// <summary>The newest record retention removes: everything up to it goes, and it becomes the anchor.</summary>
    public const string LastExpired = "SELECT sequence, hash FROM secureapi_audit WHERE occurred_at < @cutoff ORDER BY sequence DESC LIMIT 1";

    public const string SetAnchor = """
        INSERT INTO secureapi_audit_anchor (id, sequence, hash) VALUES (1, @sequence, @hash)
        ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash
        """;

    public const string DeleteUpTo = "DELETE FROM secureapi_audit WHERE sequence <= @sequence";
}
