using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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

    /// <summary>Applies every registered resource's schema; statements are idempotent (<c>IF NOT EXISTS</c>).</summary>
    public static async Task ApplyAsync(SecureApiDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var resource in ResourceRegistry.Snapshot())
        {
            await using var command = Db.Command(connection, database.Dialect == SqlDialect.PostgreSql ? resource.PostgreSqlSchema : resource.SqliteSchema);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
