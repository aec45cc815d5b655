using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Data.Migrations;
using SecureApi.Infrastructure;

namespace SecureApi.Data;

/// <summary>Migrates the schema at start-up (<c>SecureApi:Database:ApplySchemaOnStartup</c>), before the app takes requests.</summary>
internal sealed class SchemaInitializer(SecureApiDatabase database, IOptions<SecureApiOptions> options, ILogger<SchemaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Database.ApplySchemaOnStartup)
        {
            return;
        }

        await ApplyAsync(database, options.Value.Database, logger, dryRun: false, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Migrates every registered resource's table to its declaration (<see cref="SchemaMigrator"/>), then creates the
    /// framework's own tables if missing, under the same lock (not on a dry run). Returns what the migration planned and applied.
    /// </summary>
    public static async Task<SchemaMigrator.Outcome?> ApplyAsync(SecureApiDatabase database, DatabaseOptions settings, ILogger logger, bool dryRun, CancellationToken cancellationToken)
    {
        // No resources, nothing to create: do not open (and so create) a database the service never uses.
        var resources = ResourceRegistry.Snapshot();
        if (resources.Count == 0)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var migrator = new SchemaMigrator(database.Dialect, logger) { LockTimeout = TimeSpan.FromSeconds(settings.Migrations.LockTimeoutSeconds) };
        return await migrator.MigrateAsync(connection, Declared(resources), ResourceRegistry.SchemaVersion, dryRun, async token =>
        {
            foreach (var schema in FallbackSchemas(resources, database.Dialect).Concat(ResourceRegistry.FrameworkSchemas(database.Dialect)))
            {
                await using var command = Db.Command(connection, schema);
                await command.ExecuteNonQueryAsync(token);
            }

            await FrameworkColumns.AddMissingAsync(connection, database.Dialect, "secureapi_api_keys", Authentication.ApiKeySql.AddedColumns, token);
        }, cancellationToken);
    }

    public static IReadOnlyList<ResourceSchema> Declared(IReadOnlyList<ResourceRegistration> resources) =>
        [.. resources.Where(r => r.Schema is not null).Select(r => r.Schema!)];

    /// <summary>A registration compiled without a declared schema is only created if missing, as before migrations.</summary>
    private static IEnumerable<string> FallbackSchemas(IReadOnlyList<ResourceRegistration> resources, SqlDialect dialect) =>
        resources.Where(r => r.Schema is null).Select(r => dialect == SqlDialect.PostgreSql ? r.PostgreSqlSchema : r.SqliteSchema);
}
