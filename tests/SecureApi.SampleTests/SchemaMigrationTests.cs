using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// The schema migration end to end on the sample: a database whose <c>notes</c> table is one member behind (as a
/// release before <c>ModerationFlag</c> left it), migrated by the service's <c>migrate</c> command and by its real
/// start-up. Each test has its own database.
/// </summary>
public abstract class SchemaMigrationTests(IEngine engine)
{
    [Fact]
    public async Task TheDryRunPrintsWhatMigrateAppliesAndTheNoteSurvives()
    {
        await using var target = await engine.CreateDatabaseAsync();
        var note = await OlderDatabaseAsync(target);

        var dryRun = await SampleCommand.RunAsync(target, "migrate", "--dry-run");
        var migrate = await SampleCommand.RunAsync(target, "migrate");
        var again = await SampleCommand.RunAsync(target, "migrate");

        Assert.Equal((0, 0), (dryRun.ExitCode, migrate.ExitCode));
        Assert.Contains("ALTER TABLE notes ADD COLUMN moderation_flag", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal(dryRun.Output, migrate.Output);
        Assert.Equal("-- The database matches the declared schema: nothing to apply.", again.Output.Trim());
        Assert.Equal(("kept", "body"), await StoredAsync(target, note));
    }

    [Fact]
    public async Task StartUpMigratesAnOlderDatabaseAndServesItsRows()
    {
        await using var target = await engine.CreateDatabaseAsync();
        var note = await OlderDatabaseAsync(target);

        await using var factory = target.CreateFactory();
        var served = await GetNoteAsync(factory.ClientFor("alice"), note);

        Assert.Equal("kept", served.Title);
        Assert.Equal(1L, Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM secureapi_schema_history WHERE step_id = 'notes.add.moderation_flag'"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task StartUpRefusesADatabaseANewerReleaseMigrated()
    {
        await using var target = await engine.CreateDatabaseAsync();
        Assert.Equal(0, (await SampleCommand.RunAsync(target, "migrate")).ExitCode);
        await target.ExecuteAsync(
            "INSERT INTO secureapi_schema_history (step_id, table_name, sql_hash, schema_version, service_version, applied_at) VALUES ('version.7', '', '', 7, 'next', @p0)",
            DateTimeOffset.UtcNow);

        var (exitCode, _, error) = await SampleCommand.RunAsync(target, "migrate");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("The database schema is at version 7, newer than this service's version 0", error, StringComparison.Ordinal);
    }

    /// <summary>The sample's database with one note, then <c>moderation_flag</c> dropped: the shape a release without it left.</summary>
    private static async Task<Guid> OlderDatabaseAsync(DatabaseTarget target)
    {
        Guid id;
        await using (var factory = target.CreateFactory())
        {
            id = (await CreateNoteAsync(factory.ClientFor("alice"), "kept")).Id;
        }

        await target.ExecuteAsync("ALTER TABLE notes DROP COLUMN moderation_flag");
        return id;
    }

    private static async Task<(string Title, string Body)> StoredAsync(DatabaseTarget target, Guid id)
    {
        var row = await target.ReadNoteAsync(id);
        return (row!.Title, row.Body);
    }
}

public sealed class SqliteSchemaMigrationTests() : SchemaMigrationTests(new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresSchemaMigrationTests(PostgresServer server) : SchemaMigrationTests(new PostgresEngine(server))
{
    [Fact]
    public async Task TwoInstancesMigratingAtOnceApplyTheStepOnceAndBothSucceed()
    {
        await using var target = await new PostgresEngine(server).CreateDatabaseAsync();
        await using (var factory = target.CreateFactory())
        {
            await CreateNoteAsync(factory.ClientFor("alice"), "kept");
        }

        await target.ExecuteAsync("ALTER TABLE notes DROP COLUMN moderation_flag");

        var runs = await Task.WhenAll(SampleCommand.RunAsync(target, "migrate"), SampleCommand.RunAsync(target, "migrate"));

        Assert.Equal([0, 0], runs.Select(r => r.ExitCode));
        Assert.Equal(1L, Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM secureapi_schema_history WHERE step_id = 'notes.add.moderation_flag'"), System.Globalization.CultureInfo.InvariantCulture));
        // One printed the step it applied; the other waited for the lock, then found nothing left.
        Assert.Single(runs, r => r.Output.Contains("ALTER TABLE notes ADD COLUMN moderation_flag", StringComparison.Ordinal));
    }
}
