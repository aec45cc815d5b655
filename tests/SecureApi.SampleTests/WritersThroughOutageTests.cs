using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// The fault experiment at CI size: writers keep creating notes while PostgreSQL is stopped and started again. During
/// the outage every answer is 503 + Retry-After, quickly; writes succeed again soon after the database returns; and
/// every acknowledged (201) write is stored exactly once, with its owner.
/// </summary>
public sealed class WritersThroughOutageTests(OwnPostgresCluster postgres) : IClassFixture<OwnPostgresCluster>
{
    private const int Writers = 8;
    private static readonly TimeSpan s_slowest = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WritersSeeOnly503DuringAnOutageAndEveryAcknowledgedWriteIsStoredOnce()
    {
        await using var target = new PostgresTarget(await postgres.Cluster.CreateDatabaseAsync());
        await using var factory = target.CreateFactory();
        var callers = Enumerable.Range(0, Writers).Select(_ => SampleFactory.NewFreshCaller()).ToList();
        await CreateNoteAsync(factory.ClientFor(callers[0]), "warm-up"); // schema created, pool open

        var acknowledged = new ConcurrentBag<(Guid Id, string Owner, string Title)>();
        var unexpected = new ConcurrentQueue<string>();
        var stopped = new TaskCompletionSource<Stopwatch>(TaskCreationOptions.RunContinuationsAsynchronously);
        var restarted = new TaskCompletionSource<Stopwatch>(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstCreatedAfterRestart = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        var writers = callers.Select((caller, w) => Task.Run(async () =>
        {
            var client = factory.ClientFor(caller);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var title = $"w{w}-{i}";
                var started = Stopwatch.StartNew();
                using var response = await client.PostAsync("/notes", JsonOf(new { title, body = "b" }));
                if (started.Elapsed > s_slowest)
                {
                    unexpected.Enqueue($"{title} took {started.Elapsed}");
                }

                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var note = (await response.Content.ReadFromJsonAsync<NoteDto>(Options))!;
                    acknowledged.Add((note.Id, caller.Subject, title));
                    if (restarted.Task.IsCompleted)
                    {
                        firstCreatedAfterRestart.TrySetResult(restarted.Task.Result.Elapsed);
                    }
                }
                else if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter is null)
                {
                    unexpected.Enqueue($"{title}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                else if (!stopped.Task.IsCompleted)
                {
                    unexpected.Enqueue($"{title}: 503 before the database stopped");
                }
            }
        })).ToList();

        await Task.Delay(1000);
        stopped.SetResult(Stopwatch.StartNew());
        await postgres.Cluster.StopAsync();
        await Task.Delay(2000);
        await postgres.Cluster.RestartAsync();
        restarted.SetResult(Stopwatch.StartNew());
        var recovery = await firstCreatedAfterRestart.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.Empty(unexpected);
        Assert.True(recovery < TimeSpan.FromSeconds(5), $"The first write after the restart succeeded {recovery} after the database returned.");
        await using var connection = await target.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, owner_id, title FROM notes";
        var stored = new List<(Guid Id, string Owner, string Title)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        Assert.NotEmpty(acknowledged);
        var byTitle = stored.GroupBy(s => s.Title).ToDictionary(g => g.Key, g => g.ToList());
        var missingOrDuplicated = acknowledged.Where(a => !byTitle.TryGetValue(a.Title, out var rows) || rows.Count != 1 || rows[0] != a).ToList();
        Assert.True(missingOrDuplicated.Count == 0, $"{missingOrDuplicated.Count} of {acknowledged.Count} acknowledged writes are not stored exactly once with their owner: " + string.Join(", ", missingOrDuplicated.Take(5)));
    }
}
