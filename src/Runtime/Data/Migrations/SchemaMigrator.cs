using System.Data.Common;
using System.Reflection;
using Microsoft.Extensions.Logging;
using SecureApi.Infrastructure;

namespace SecureApi.Data.Migrations;

/// <summary>
/// Brings a database to the declared schema: under the migration lock it reads the catalog and the history, refuses a
/// database a newer release migrated, plans, refuses changes that could lose data unless declared, and applies each
/// step in its own transaction together with its history row. Idempotent: a database that matches plans nothing; a
/// run that stopped half-way (a crash) leaves whole steps behind, and the next run plans the rest.
/// </summary>
internal sealed partial class SchemaMigrator(SqlDialect dialect, ILogger logger)
{
    /// <summary>What the run did: the plan it made and the steps it applied (none for a dry run).</summary>
    public sealed record Outcome(MigrationPlan Plan, IReadOnlyList<MigrationStep> Applied);

    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The entry assembly's informational version: which release applied a step.</summary>
    public string ServiceVersion { get; init; } = EntryVersion();

    /// <summary>
    /// Migrates, then runs <paramref name="thenUnderLock"/> (the framework's own <c>IF NOT EXISTS</c> tables) still
    /// holding the lock: two instances creating one PostgreSQL table at once can collide in its catalog.
    /// </summary>
    public async Task<Outcome> MigrateAsync(DbConnection connection, IReadOnlyList<ResourceSchema> declared, int schemaVersion, bool dryRun, Func<CancellationToken, Task>? thenUnderLock, CancellationToken cancellationToken)
    {
        if (dryRun)
        {
            // Reads only: no lock, no history table created.
            var (plan, _) = await PlanAsync(connection, declared, schemaVersion, cancellationToken);
            return new Outcome(plan, []);
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        var waiting = false;
        await using var held = await MigrationLock.AcquireAsync(connection, dialect, DatabaseJob.SchemaMigration, LockTimeout, () =>
        {
            waiting = true;
            LogWaiting(logger, LockTimeout.TotalSeconds);
        }, cancellationToken);
        waited.Stop();
        await using (var create = Db.Command(connection, SchemaHistory.Schema(dialect)))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var (planned, recordedVersion) = await PlanAsync(connection, declared, schemaVersion, cancellationToken);
        if (planned.Refusals.Count > 0)
        {
            LogRefused(logger, planned.Refusals.Count);
            throw new SchemaMigrationRefusedException(planned.Refusals);
        }

        var applied = new List<MigrationStep>();
        foreach (var step in planned.Steps)
        {
            await ApplyAsync(connection, step, schemaVersion, cancellationToken);
            applied.Add(step);
            LogApplied(logger, step.Id, step.Description);
        }

        if (schemaVersion > recordedVersion)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await SchemaHistory.RecordAsync(connection, transaction, "version." + schemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), "", new MigrationStep("", "", "", [], true).Hash, schemaVersion, ServiceVersion, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (thenUnderLock is not null)
        {
            await thenUnderLock(cancellationToken);
        }

        if (waiting)
        {
            // The other instance migrated (nothing left) or stopped part-way (this one applied the rest).
            LogVerifiedAfterWaiting(logger, (long)waited.Elapsed.TotalMilliseconds, applied.Count);
        }
        else if (applied.Count == 0)
        {
            LogUpToDate(logger, declared.Count);
        }

        return new Outcome(planned, applied);
    }

    private async Task<(MigrationPlan Plan, int RecordedVersion)> PlanAsync(DbConnection connection, IReadOnlyList<ResourceSchema> declared, int schemaVersion, CancellationToken cancellationToken)
    {
        var catalog = await ReadCatalogAsync(connection, cancellationToken);
        var (applied, version) = await SchemaHistory.ReadAsync(connection, catalog, cancellationToken);
        if (version > schemaVersion)
        {
            throw new DatabaseSchemaAheadException(version, schemaVersion);
        }

        return (MigrationPlanner.Plan(declared, catalog, applied, dialect), version);
    }

    private Task<Catalog> ReadCatalogAsync(DbConnection connection, CancellationToken cancellationToken) =>
        dialect == SqlDialect.PostgreSql ? PostgreSqlCatalog.ReadAsync(connection, null, cancellationToken) : SqliteCatalog.ReadAsync(connection, null, cancellationToken);

    private async Task ApplyAsync(DbConnection connection, MigrationStep step, int schemaVersion, CancellationToken cancellationToken)
    {
        // SQLite's rebuild drops and renames a table that other tables' foreign keys may name: enforcement is off for
        // the step (it cannot change inside a transaction) and the keys are checked before it commits.
        var foreignKeysOff = step.Rebuild && await ExecuteScalarLongAsync(connection, "PRAGMA foreign_keys", cancellationToken) == 1;
        if (foreignKeysOff)
        {
            await ExecuteAsync(connection, null, "PRAGMA foreign_keys = OFF", cancellationToken);
        }

        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var statement in step.Statements)
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken);
            }

            if (step.Rebuild)
            {
                await using var check = Db.Command(connection, "PRAGMA foreign_key_check", transaction);
                await using var reader = await check.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    throw new InvalidOperationException($"Rebuilding table '{step.Table}' would break a foreign key of table '{reader.GetString(0)}'; nothing was changed.");
                }
            }

            await SchemaHistory.RecordAsync(connection, transaction, step.Id, step.Table, step.Hash, schemaVersion, ServiceVersion, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            if (foreignKeysOff)
            {
                await ExecuteAsync(connection, null, "PRAGMA foreign_keys = ON", CancellationToken.None);
            }
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Db.Command(connection, sql, transaction);
        command.CommandTimeout = 0; // a rebuild of a large table takes as long as it takes
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ExecuteScalarLongAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = Db.Command(connection, sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string EntryVersion() =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    [LoggerMessage(EventId = 2130, EventName = "SchemaStepApplied", Level = LogLevel.Information, Message = "Schema migration step {StepId} applied: {Description}")]
    private static partial void LogApplied(ILogger logger, string stepId, string description);

    [LoggerMessage(EventId = 2131, EventName = "SchemaUpToDate", Level = LogLevel.Debug, Message = "Schema of {Resources} resources matches the database")]
    private static partial void LogUpToDate(ILogger logger, int resources);

    [LoggerMessage(EventId = 2132, EventName = "SchemaMigrationRefused", Level = LogLevel.Critical, Message = "Schema migration refused: {Count} changes could lose data and no declaration allows them")]
    private static partial void LogRefused(ILogger logger, int count);

    [LoggerMessage(EventId = 2037, EventName = "SchemaMigrationWaiting", Level = LogLevel.Information, Message = "Another instance holds the schema migration lock (it is migrating); waiting up to {TimeoutSeconds} s for it")]
    private static partial void LogWaiting(ILogger logger, double timeoutSeconds);

    [LoggerMessage(EventId = 2038, EventName = "SchemaVerifiedAfterWaiting", Level = LogLevel.Information, Message = "Schema verified after waiting {WaitedMilliseconds} ms for another instance's migration: {Applied} steps were left for this instance to apply")]
    private static partial void LogVerifiedAfterWaiting(ILogger logger, long waitedMilliseconds, int applied);
}
