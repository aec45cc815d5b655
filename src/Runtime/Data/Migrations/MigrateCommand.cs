using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecureApi.Data.Migrations;

/// <summary>
/// <c>migrate</c>: applies the schema migration and prints each step it applied; <c>migrate --dry-run</c> prints the
/// steps it would apply (the same text) and changes nothing. Refused changes go to standard error, exit code 1.
/// </summary>
internal static class MigrateCommand
{
    public const string Name = "migrate";

    public const string NothingToApply = "-- The database matches the declared schema: nothing to apply.";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Count > 1 || (args.Count == 1 && args[0] != "--dry-run"))
        {
            await error.WriteLineAsync("Usage: migrate [--dry-run]");
            return 2;
        }

        var dryRun = args.Count == 1;
        var database = services.GetRequiredService<SecureApiDatabase>();
        var settings = services.GetRequiredService<IOptions<SecureApiOptions>>().Value.Database;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SchemaMigrator).FullName!);
        SchemaMigrator.Outcome? outcome;
        try
        {
            outcome = await SchemaInitializer.ApplyAsync(database, settings, logger, dryRun, cancellationToken);
        }
        catch (Exception exception) when (exception is SchemaMigrationRefusedException or DatabaseSchemaAheadException)
        {
            await error.WriteLineAsync(exception.Message);
            return 1;
        }

        if (outcome is null)
        {
            await output.WriteLineAsync("-- This service has no database (no [Resource]): nothing to migrate.");
            return 0;
        }

        if (outcome.Plan.Refusals.Count > 0)
        {
            await error.WriteLineAsync(new SchemaMigrationRefusedException(outcome.Plan.Refusals).Message);
            return 1;
        }

        var steps = dryRun ? outcome.Plan.Steps : outcome.Applied;
        await output.WriteLineAsync(steps.Count == 0 ? NothingToApply : string.Join("\n\n", steps.Select(s => s.Script)));
        return 0;
    }
}
