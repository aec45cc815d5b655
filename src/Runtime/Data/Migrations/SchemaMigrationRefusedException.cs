namespace SecureApi.Data.Migrations;

/// <summary>The declared schema differs from the database in a way that could lose data and no declaration allows it; nothing was applied.</summary>
internal sealed class SchemaMigrationRefusedException(IReadOnlyList<string> refusals)
    : InvalidOperationException(Header + string.Concat(refusals.Select(r => "\n- " + r)))
{
    public const string Header = "The database schema was not migrated (nothing was applied): a change could lose data and no declaration allows it.";

    public IReadOnlyList<string> Refusals { get; } = refusals;
}

/// <summary>The database was migrated by a newer version of the service; this one would write rows in an older shape.</summary>
internal sealed class DatabaseSchemaAheadException(int database, int service)
    : InvalidOperationException(
        $"The database schema is at version {database}, newer than this service's version {service} (recorded in secureapi_schema_history by a newer release). " +
        "Refusing to start rather than write with an older shape: deploy the newer release, or restore the database that matches this one.")
{
    public int DatabaseVersion { get; } = database;

    public int ServiceVersion { get; } = service;
}
