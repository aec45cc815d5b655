using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureApi.Auditing;
using SecureApi.Authentication;
using SecureApi.Data;

namespace SecureApi.Hosting;

/// <summary>
/// The commands every SecureApi service understands instead of serving, when the first argument names one:
/// <c>schema</c> writes or checks the checked-in schema snapshot (<c>schema --sql</c> prints the DDL for the configured engine); <c>keys create|list|revoke</c> manages stored API keys;
/// <c>audit verify|prune</c> checks the audit trail's hash chain or applies its retention; <c>inventory</c> writes the
/// security inventory of every endpoint (or <c>inventory diff</c> compares two) and needs no database or secret;
/// <c>migrate [--dry-run]</c> migrates the schema (or prints the SQL it would run).
/// </summary>
public static class SecureApiCommands
{
    /// <summary>The commands this runs: a process started with one of them as its first argument is a command line.</summary>
    internal static readonly string[] Names = ["schema", "keys", "audit", SecureApi.OpenApi.OpenApiCommand.Name, "inventory", SecureApi.Data.Migrations.MigrateCommand.Name];

    /// <summary>
    /// Runs the command <paramref name="args"/> names and returns its exit code (0 done, 1 failed, 2 usage), or null
    /// when the first argument is no command (then serve).
    /// </summary>
    public static async Task<int?> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count == 0)
        {
            return null;
        }

        // Before anything is resolved: the inventory is built into the assembly, and a build or CI job runs this
        // without a database, a cache or the production secrets.
        if (args[0] == "inventory")
        {
            var environment = services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>();
            var options = UnvalidatedOptions(services);
            var framework = Inventory.FrameworkEndpoints.Describe(options, environment);
            var outputPolicy = Inventory.OutputPolicyInventory.Describe(options.OutputFilter);
            return await Inventory.InventoryCommands.RunAsync(Infrastructure.SecurityInventoryRegistry.Json, (environment.EnvironmentName, framework), outputPolicy, [.. args.Skip(1)], output, error, cancellationToken);
        }

        // Likewise: the schema snapshot is built into the assembly; only `schema --sql` (null here) needs the database.
        if (args[0] == "schema" && await Data.Migrations.SchemaSnapshotCommand.RunAsync(Infrastructure.SchemaSnapshotRegistry.Json, [.. args.Skip(1)], output, error, cancellationToken) is { } schemaExitCode)
        {
            return schemaExitCode;
        }

        var database = services.GetRequiredService<SecureApiDatabase>();
        switch (args[0])
        {
            case SecureApi.Data.Migrations.MigrateCommand.Name:
                return await SecureApi.Data.Migrations.MigrateCommand.RunAsync(services, [.. args.Skip(1)], output, error, cancellationToken);
            case "schema":
                await output.WriteLineAsync(SecureApiSchema.Script(database.Dialect));
                return 0;
            case "keys":
                var keys = services.GetRequiredService<ApiKeys>();
                if (!keys.IsAvailable)
                {
                    await error.WriteLineAsync("This service has no database (no [Resource]), so it has no stored API keys; configure static keys instead.");
                    return 1;
                }

                // The table may not exist yet when the service has never run; create it as start-up would.
                if (services.GetRequiredService<IOptions<SecureApiOptions>>().Value.Database.ApplySchemaOnStartup)
                {
                    await MigrateAsync(services, database, cancellationToken);
                }

                return await ApiKeyCommands.RunAsync(keys, [.. args.Skip(1)], output, error, cancellationToken);
            case "audit":
                var trail = services.GetRequiredService<AuditTrail>();
                if (!trail.IsAvailable)
                {
                    await error.WriteLineAsync("This service has no database (no [Resource]), so it has no audit trail.");
                    return 1;
                }

                if (services.GetRequiredService<IOptions<SecureApiOptions>>().Value.Database.ApplySchemaOnStartup)
                {
                    await MigrateAsync(services, database, cancellationToken);
                }

                return await AuditCommands.RunAsync(trail, [.. args.Skip(1)], output, error, cancellationToken);
            default:
                return null;
        }
    }

    /// <summary>Migrates the schema as start-up would: the command's tables may not exist yet when the service has never run.</summary>
    internal static Task MigrateAsync(IServiceProvider services, SecureApiDatabase database, CancellationToken cancellationToken) =>
        SchemaInitializer.ApplyAsync(
            database,
            services.GetRequiredService<IOptions<SecureApiOptions>>().Value.Database,
            services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger(typeof(SecureApi.Data.Migrations.SchemaMigrator).FullName!),
            dryRun: false,
            cancellationToken);

    /// <summary>
    /// The options as <c>UseSecureApi</c> sees them (configuration and code alike), built as the options factory builds
    /// them but without its validators: the inventory is written where the production secrets are not configured.
    /// </summary>
    private static SecureApiOptions UnvalidatedOptions(IServiceProvider services)
    {
        var options = new SecureApiOptions();
        foreach (var configure in services.GetServices<IConfigureOptions<SecureApiOptions>>())
        {
            if (configure is IConfigureNamedOptions<SecureApiOptions> named)
            {
                named.Configure(Microsoft.Extensions.Options.Options.DefaultName, options);
            }
            else
            {
                configure.Configure(options);
            }
        }

        foreach (var postConfigure in services.GetServices<IPostConfigureOptions<SecureApiOptions>>())
        {
            postConfigure.PostConfigure(Microsoft.Extensions.Options.Options.DefaultName, options);
        }

        return options;
    }
}
