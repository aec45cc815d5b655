using System.ComponentModel;

namespace SecureApi.Infrastructure;

/// <summary>Where generated resources register themselves (from a module initializer); <c>AddSecureApi</c> reads it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ResourceRegistry
{
    private static readonly List<ResourceRegistration> s_resources = [];

    /// <summary>
    /// The schema version compiled into the service (<c>SecureApiSchemaVersion</c>, set by the generated module
    /// initializer; 0 without a schema snapshot). A database whose recorded version is greater refuses the service.
    /// </summary>
    public static int SchemaVersion { get; set; }

    public static void Register(ResourceRegistration registration)
    {
        lock (s_resources)
        {
            if (!s_resources.Any(r => r.Table == registration.Table))
            {
                s_resources.Add(registration);
            }
        }
    }

    /// <summary>
    /// The DDL to apply for <paramref name="dialect"/>: every registered resource's, then the framework's own tables of
    /// <c>Idempotency-Key</c>s, API keys and the audit trail. Nothing when there is no resource (a service that stores nothing gets no database).
    /// </summary>
    internal static IReadOnlyList<string> Schemas(SecureApi.Data.SqlDialect dialect)
    {
        var resources = Snapshot();
        if (resources.Count == 0)
        {
            return [];
        }

        var postgres = dialect == SecureApi.Data.SqlDialect.PostgreSql;
        return [.. resources.Select(r => postgres ? r.PostgreSqlSchema : r.SqliteSchema), .. FrameworkSchemas(dialect)];
    }

    /// <summary>The DDL of the framework's own tables (idempotent, <c>IF NOT EXISTS</c>); resources evolve through the schema migration instead.</summary>
    internal static IReadOnlyList<string> FrameworkSchemas(SecureApi.Data.SqlDialect dialect)
    {
        var postgres = dialect == SecureApi.Data.SqlDialect.PostgreSql;
        return
        [
            postgres ? SecureApi.Data.IdempotencySql.PostgreSqlSchema : SecureApi.Data.IdempotencySql.SqliteSchema,
            postgres ? SecureApi.Authentication.ApiKeySql.PostgreSqlSchema : SecureApi.Authentication.ApiKeySql.SqliteSchema,
            postgres ? SecureApi.Auditing.AuditSql.PostgreSqlSchema : SecureApi.Auditing.AuditSql.SqliteSchema,
            postgres ? SecureApi.AiGuards.Screening.QuarantineSql.PostgreSqlSchema : SecureApi.AiGuards.Screening.QuarantineSql.SqliteSchema,
            postgres ? SecureApi.Data.Migrations.ReEncryptionSql.PostgreSqlSchema : SecureApi.Data.Migrations.ReEncryptionSql.SqliteSchema,
        ];
    }

    /// <summary>Whether the service declares any resource, and so has a database (stored keys, the audit trail).</summary>
    internal static bool Any()
    {
        lock (s_resources)
        {
            return s_resources.Count > 0;
        }
    }

    public static IReadOnlyList<ResourceRegistration> Snapshot()
    {
        lock (s_resources)
        {
            return [.. s_resources];
        }
    }
}
