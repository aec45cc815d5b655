using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using SecureApi.SampleTests.Infrastructure;
using SecureApi.SampleTests.OpenApi;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// <c>kill -9</c> of the built sample while writers are creating notes, then a restart on the same database: no
/// acknowledged (201) write is lost, none is stored twice, and SQLite's file is intact.
/// </summary>
public sealed partial class KillUnderLoadTests(OwnPostgresCluster postgres) : IClassFixture<OwnPostgresCluster>
{
    private const int Writers = 8;
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SqliteKeepsEveryAcknowledgedWriteOnceAndAnIntactFile()
    {
        await using var target = new SqliteTarget();

        await KillUnderLoadAndRestartAsync(target);

        Assert.Equal("ok", await target.ScalarAsync("PRAGMA integrity_check"));
    }

    [Fact]
    public async Task PostgreSqlKeepsEveryAcknowledgedWriteOnce()
    {
        await using var target = new PostgresTarget(await postgres.Cluster.CreateDatabaseAsync());

        await KillUnderLoadAndRestartAsync(target);
    }

    private static async Task KillUnderLoadAndRestartAsync(DatabaseTarget target)
    {
        var callers = Enumerable.Range(0, Writers).Select(_ => SampleFactory.NewFreshCaller()).ToList();
        var acknowledged = new ConcurrentBag<(Guid Id, string Owner, string Title)>();

        using (var service = await SampleProcess.StartAsync(target, callers))
        {
            using var stop = new CancellationTokenSource();
            var writers = callers.Select((caller, w) => Task.Run(async () =>
            {
                using var client = service.ClientFor(caller);
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var title = string.Create(CultureInfo.InvariantCulture, $"w{w}-{i}");
                    try
                    {
                        using var response = await client.PostAsync("/notes", JsonOf(new { title, body = "b" }));
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var note = (await response.Content.ReadFromJsonAsync<NoteDto>(Options))!;
                            acknowledged.Add((note.Id, caller.Subject, title));
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the service is gone: this write was never acknowledged
                    }
                }
            })).ToList();

            while (acknowledged.Count < 50)
            {
                await Task.Delay(20);
            }

            service.Process.Kill(); // SIGKILL, mid-load
            await service.Process.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        using (var restarted = await SampleProcess.StartAsync(target, callers))
        {
            using var client = restarted.ClientFor(callers[0]);
            await CreateNoteAsync(client, "after-restart"); // the restarted service writes to the same database
        }

        var stored = new List<(Guid Id, string Owner, string Title)>();
        await using (var connection = await target.OpenAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, owner_id, title FROM notes";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var byTitle = stored.GroupBy(s => s.Title).ToDictionary(g => g.Key, g => g.ToList());
        var lostOrDuplicated = acknowledged.Where(a => !byTitle.TryGetValue(a.Title, out var rows) || rows.Count != 1 || rows[0] != a).ToList();
        Assert.True(lostOrDuplicated.Count == 0, $"{lostOrDuplicated.Count} of {acknowledged.Count} acknowledged writes are not stored exactly once with their owner: " + string.Join(", ", lostOrDuplicated.Take(5)));
    }

    /// <summary>The built sample (<c>dotnet NotesService.dll</c>) as a child process on a free loopback port.</summary>
    private sealed partial class SampleProcess : IDisposable
    {
        private SampleProcess(Process process, Uri address)
        {
            Process = process;
            Address = address;
        }

        public Process Process { get; }

        public Uri Address { get; }

        public static async Task<SampleProcess> StartAsync(DatabaseTarget target, List<TestCaller> callers)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = SampleCommand.SampleDirectory(), // the content root: the sample's appsettings (encryption key and all)
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NotesService.dll"));
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["SecureApi__RateLimitPermits"] = "1000000";
            foreach (var (key, value) in target.DatabaseSettings)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            for (var i = 0; i < callers.Count; i++)
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"SecureApi__Authentication__ApiKeys__Static__{100 + i}__");
                start.Environment[prefix + "Subject"] = callers[i].Subject;
                start.Environment[prefix + "Sha256"] = callers[i].Sha256;
                start.Environment[prefix + "Tenant"] = callers[i].Tenant;
                start.Environment[prefix + "ClientKind"] = callers[i].ClientKind;
                for (var scope = 0; scope < callers[i].Scopes.Count; scope++)
                {
                    start.Environment[prefix + "Scopes__" + scope.ToString(CultureInfo.InvariantCulture)] = callers[i].Scopes[scope];
                }
            }

            var (process, address) = await ServiceOutput.StartAsync(start, s_startTimeout, "sample");

            return new SampleProcess(process, address);
        }

        public HttpClient ClientFor(TestCaller caller)
        {
            // Out of process, so SampleFactory's check is not there: the same handler checks each status against the document.
            var client = new HttpClient(new DocumentedStatusHandler(SampleDocument.StatusesAsync) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = Address };
            client.DefaultRequestHeaders.Add("X-Api-Key", caller.ApiKey);
            return client;
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }
}
