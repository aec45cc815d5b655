using Microsoft.Extensions.DependencyInjection;
using SecureApi.Infrastructure;

namespace SecureApi.Data;

/// <summary>
/// The schema of every resource in the app. Applied at start-up unless <c>SecureApi:Database:ApplySchemaOnStartup</c> is
/// false; then run <see cref="ApplyAsync"/> from a deployment step, or review <see cref="Script"/> and apply it yourself.
/// </summary>
public static class SecureApiSchema
{
    /// <summary>The DDL of all registered resources (and of SecureApi's <c>Idempotency-Key</c> and API-key tables) for <paramref name="dialect"/>; every statement is idempotent.</summary>
    public static string Script(SqlDialect dialect) => string.Join("\n\n", ResourceRegistry.Schemas(dialect));

    /// <summary>Creates any missing tables and indexes in the configured database.</summary>
    public static Task ApplyAsync(IServiceProvider services, CancellationToken cancellationToken = default) =>
        SchemaInitializer.ApplyAsync(services.GetRequiredService<SecureApiDatabase>(), cancellationToken);
}
