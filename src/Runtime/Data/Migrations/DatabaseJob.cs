namespace SecureApi.Data.Migrations;

/// <summary>
/// A job that one instance at a time does for the whole database, and the lock (<see cref="MigrationLock"/>) that
/// keeps it to one: the advisory key on PostgreSQL, the lock file's suffix beside a SQLite database.
/// </summary>
internal sealed record DatabaseJob(string Description, long AdvisoryKey, string FileSuffix)
{
    /// <summary>"SAPI" and "SCHM" in ASCII: a number no other code is likely to pick.</summary>
    public static readonly DatabaseJob SchemaMigration = new("schema migration", 0x53415049_5343484D, ".migration-lock");

    /// <summary>"SAPI" and "RENC" in ASCII.</summary>
    public static readonly DatabaseJob ReEncryption = new("re-encryption", 0x53415049_52454E43, ".reencryption-lock");
}
