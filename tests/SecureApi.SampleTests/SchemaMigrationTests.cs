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
        var (note, stored) = await OlderDatabaseAsync(target);

        var dryRun = await SampleCommand.RunAsync(target, "migrate", "--dry-run");
        var migrate = await SampleCommand.RunAsync(target, "migrate");
        var again = await SampleCommand.RunAsync(target, "migrate");

        Assert.Equal((0, 0), (dryRun.ExitCode, migrate.ExitCode));
        Assert.Contains("ALTER TABLE notes ADD COLUMN moderation_flag", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal(dryRun.Output, migrate.Output);
        Assert.Equal("-- The database matches the declared schema: nothing to apply.", again.Output.Trim());
        Assert.Equal(stored, await target.ReadNoteAsync(note));
    }

    [Fact]
    public async Task StartUpMigratesAnOlderDatabaseAndServesItsRows()
    {
        await using var target = await engine.CreateDatabaseAsync();
        var (note, _) = await OlderDatabaseAsync(target);

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
        Assert.StartsWith($"The database schema is at version 7, newer than this service's version {CheckedInSchemaVersion()}", error, StringComparison.Ordinal);
    }

    /// <summary>The version the sample was compiled with: its checked-in <c>secureapi.schema.json</c>'s.</summary>
    private static int CheckedInSchemaVersion()
    {
        var snapshot = Path.Combine(SecureApi.Testing.RepositoryRoot.Find(), "samples", "NotesService", "secureapi.schema.json");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(snapshot));
        return json.RootElement.GetProperty("version").GetInt32();
    }

    /// <summary>
    /// The sample's database with one note, then <c>moderation_flag</c> dropped: the shape a release without it left.
    /// Returns the note's row as stored before the drop (its flag is null), for comparing after the migration.
    /// </summary>
    private static async Task<(Guid Id, NoteRow Stored)> OlderDatabaseAsync(DatabaseTarget target)
    {
        Guid id;
        await using (var factory = target.CreateFactory())
        {
            id = (await CreateNoteAsync(factory.ClientFor("alice"), "kept")).Id;
        }

        var stored = (await target.ReadNoteAsync(id))!;
        await target.ExecuteAsync("ALTER TABLE notes DROP COLUMN moderation_flag");
        return (id, stored);
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

    [Fact]
    public async Task AMigrationKilledBetweenItsStepsIsCompletedByTheNextRunWithNoRowLost()
    {
        await using var target = await new PostgresEngine(server).CreateDatabaseAsync();
        Guid id;
        await using (var factory = target.CreateFactory())
        {
            id = (await CreateNoteAsync(factory.ClientFor("alice"), "kept")).Id;
            await CreateTeamDocAsync(factory.ClientFor("alice"), "doc");
        }

        var stored = await target.ReadNoteAsync(id);

        // Two steps on two tables: a column for notes, an index for team_docs.
        await target.ExecuteAsync("ALTER TABLE notes DROP COLUMN moderation_flag");
        await target.ExecuteAsync("DROP INDEX ix_team_docs_title");
        var plan = (await SampleCommand.RunAsync(target, "migrate", "--dry-run")).Output;
        var ids = plan.Split('\n').Where(l => l.StartsWith("-- ", StringComparison.Ordinal)).Select(l => l[3..l.IndexOf(':', StringComparison.Ordinal)]).ToList();
        Assert.Equal(2, ids.Count);

        // Hold the second step's table, so the migration commits its first step and then waits inside the second.
        await using var blocker = await target.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockTable = blocker.CreateCommand())
        {
            lockTable.Transaction = hold;
            lockTable.CommandText = "LOCK TABLE " + ids[1].Split('.')[0] + " IN ACCESS EXCLUSIVE MODE";
            await lockTable.ExecuteNonQueryAsync();
        }

        using (var migrating = SampleCommand.Start(target, "migrate"))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM secureapi_schema_history WHERE step_id = @p0", ids[0]), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "the first step was not recorded within 60 s");
                await Task.Delay(100);
            }

            await Task.Delay(500); // now waiting on the held table, inside the second step's transaction
            migrating.Kill(); // SIGKILL
            await migrating.WaitForExitAsync();
        }

        await hold.RollbackAsync();
        Assert.Equal(0L, Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM secureapi_schema_history WHERE step_id = @p0", ids[1]), System.Globalization.CultureInfo.InvariantCulture));

        var next = await SampleCommand.RunAsync(target, "migrate");

        Assert.Equal(0, next.ExitCode);
        var recorded = await Task.WhenAll(ids.Select(async i => Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM secureapi_schema_history WHERE step_id = @p0", i), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new long[] { 1, 1 }, recorded);
        Assert.Equal(stored, await target.ReadNoteAsync(id));
    }
}
