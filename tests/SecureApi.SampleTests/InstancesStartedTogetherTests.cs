using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SecureApi.Data.Migrations;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// Two sample processes started together on one fresh database: exactly one migrates it, the other waits for the
/// migration lock and then verifies, and both serve. The test holds the lock while both start (as a third instance
/// in the middle of a migration would), so both certainly reach it and queue; then it lets go.
/// </summary>
public abstract partial class InstancesStartedTogetherTests(IEngine engine)
{
    private const string Waiting = "Another instance holds the schema migration lock";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task TwoInstancesStartedTogetherMigrateOnceAndBothServe()
    {
        await using var target = await engine.CreateDatabaseAsync();
        var logs = new[] { new ProcessLog(), new ProcessLog() };
        var settings = new Dictionary<string, string?>
        {
            ["SecureApi:Encryption:ActiveKeyId"] = SampleFactory.ActiveKeyId,
            ["SecureApi:Encryption:Keys:" + SampleFactory.ActiveKeyId] = SampleFactory.EncryptionKey(SampleFactory.ActiveKeyId),
        };

        Task<(Process Process, Uri Address)>[] starting = [];
        try
        {
            await using (await HoldMigrationLockAsync(target))
            {
                starting = [.. logs.Select(log => SampleProcess.StartAsync(target, settings, log, s_timeout))];
                var clock = Stopwatch.StartNew();
                // Until both wait (an instance that started meanwhile did not wait: the assertions below say what it did).
                while (!logs.All(log => log.ToString().Contains(Waiting, StringComparison.Ordinal)) && !starting.Any(s => s.IsCompleted))
                {
                    Assert.True(clock.Elapsed < s_timeout, "Both instances did not reach the migration lock:\n" + logs[0].ToString() + "\n----\n" + logs[1].ToString());
                    await Task.Delay(50);
                }
            }

            // Both serve the one database: a note written through one is read through the other.
            var instances = await Task.WhenAll(starting);
            using var first = Client(instances[0].Address);
            using var second = Client(instances[1].Address);
            var note = await CreateNoteAsync(first, "written through the first");
            Assert.Equal("written through the first", (await GetNoteAsync(second, note.Id)).Title);
        }
        finally
        {
            await StopAsync(starting);
        }

        // Each step recorded once; one log applied them all, the other waited and then found nothing left.
        var history = await StepCountsAsync(target);
        Assert.NotEmpty(history);
        Assert.All(history, step => Assert.Equal(1L, step.Value));
        var applied = logs.Select(log => Applied().Matches(log.ToString()).Select(m => m.Groups["step"].Value).ToList()).ToList();
        var migrator = applied.FindIndex(steps => steps.Count > 0);
        Assert.True(migrator >= 0, "Neither instance applied a step.");
        Assert.Equal(history.Keys.Where(k => !k.StartsWith("version.", StringComparison.Ordinal)).Order(StringComparer.Ordinal), applied[migrator].Order(StringComparer.Ordinal));
        Assert.Empty(applied[1 - migrator]);
        Assert.All(logs, log => Assert.Contains(Waiting, log.ToString(), StringComparison.Ordinal));
        Assert.Matches(@"Schema verified after waiting \d+ ms for another instance.s migration: 0 steps were left", logs[1 - migrator].ToString());
    }

    /// <summary>Kills every instance that started (one that failed to start was killed by <c>ServiceOutput</c>).</summary>
    private static async Task StopAsync(IEnumerable<Task<(Process Process, Uri Address)>> starting)
    {
        foreach (var start in starting)
        {
            try
            {
                using var process = (await start).Process;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
            {
                // It never listened; its failure, if the test got that far, is already the test's.
            }
        }
    }

    /// <summary>A client of one instance, as the sample's development user alice.</summary>
    private static HttpClient Client(Uri address)
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Add("X-Api-Key", "dev-alice-key");
        return client;
    }

    /// <summary>The sample's migration lock, taken by the test on its own connection to the database.</summary>
    private static async Task<IAsyncDisposable> HoldMigrationLockAsync(DatabaseTarget target)
    {
        DbConnection connection = target is SqliteTarget sqlite
            ? new SqliteConnection("Data Source=" + sqlite.FilePath) // the lock file sits beside the database, not in it
            : await target.OpenAsync();
        var dialect = target is SqliteTarget ? SecureApi.Data.SqlDialect.Sqlite : SecureApi.Data.SqlDialect.PostgreSql;
        var held = await MigrationLock.AcquireAsync(connection, dialect, DatabaseJob.SchemaMigration, s_timeout, () => { }, CancellationToken.None);
        return new Held(held, connection);
    }

    private static async Task<Dictionary<string, long>> StepCountsAsync(DatabaseTarget target)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await target.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT step_id, COUNT(*) FROM secureapi_schema_history GROUP BY step_id";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    [GeneratedRegex(@"Schema migration step (?<step>\S+) applied:")]
    private static partial Regex Applied();

    private sealed class Held(IAsyncDisposable held, DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await held.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}

public sealed class SqliteInstancesStartedTogetherTests() : InstancesStartedTogetherTests(new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresInstancesStartedTogetherTests(PostgresServer server) : InstancesStartedTogetherTests(new PostgresEngine(server));
