using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureApi.Infrastructure;

namespace SecureApi.Data;

/// <summary>Creates missing tables at start-up (<c>SecureApi:Database:ApplySchemaOnStartup</c>), before the app takes requests.</summary>
internal sealed class SchemaInitializer(SecureApiDatabase database, IOptions<SecureApiOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Database.ApplySchemaOnStartup)
        {
            return;
        }

        await ApplyAsync(database, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Applies every registered resource's schema, and the framework's; statements are idempotent (<c>IF NOT EXISTS</c>).</summary>
    public static async Task ApplyAsync(SecureApiDatabase database, CancellationToken cancellationToken)
    {
        // No resources, nothing to create: do not open (and so create) a database the service never uses.
        var schemas = ResourceRegistry.Schemas(database.Dialect);
        if (schemas.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var schema in schemas)
        {
            await using var command = Db.Command(connection, schema);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await FrameworkColumns.AddMissingAsync(connection, database.Dialect, "secureapi_api_keys", Authentication.ApiKeySql.AddedColumns, cancellationToken);
    }
}
