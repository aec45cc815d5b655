using Microsoft.Extensions.DependencyInjection;
using SecureApi.Infrastructure;

namespace SecureApi.Data;

/// <summary>
/// The schema of every resource in the app. Applied at start-up unless <c>SecureApi:Database:ApplySchemaOnStartup</c> is
/// false; then run <see cref="ApplyAsync"/> (or the service's <c>migrate</c> command) from a deployment step, or review
/// <see cref="Script"/> (the tables as created on an empty database) and apply it yourself.
/// </summary>
public static class SecureApiSchema
{
    /// <summary>The DDL of all registered resources (and of SecureApi's <c>Idempotency-Key</c> and API-key tables) for <paramref name="dialect"/>; every statement is idempotent.</summary>
    public static string Script(SqlDialect dialect) => string.Join("\n\n", ResourceRegistry.Schemas(dialect));

    /// <summary>Migrates the configured database to the declared schema (as start-up does): missing tables, safe and declared changes.</summary>
    public static Task ApplyAsync(IServiceProvider services, CancellationToken cancellationToken = default) =>
        Hosting.SecureApiCommands.MigrateAsync(services, services.GetRequiredService<SecureApiDatabase>(), cancellationToken);
}
