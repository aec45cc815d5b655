using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// A database that is unavailable is a 503 with <c>Retry-After</c>, logged once per outage (not per request), and the
/// same running service answers again once the database is back: no restart.
/// </summary>
public sealed class DatabaseOutageTests(OwnPostgresCluster postgres) : IClassFixture<OwnPostgresCluster>
{
    private static readonly TestCaller Alice = SampleFactory.NamedCallers[0];

    [Fact]
    public async Task PostgreSqlStoppedIs503WithRetryAfterLoggedOnceThenRecoversWithoutRestart()
    {
        await using var target = new PostgresTarget(await postgres.Cluster.CreateDatabaseAsync());
        await using var host = LoggedHost.Start(target);
        var client = host.ClientFor(Alice);
        await CreateNoteAsync(client, "before");

        await postgres.Cluster.StopAsync();
        var refused = 0;
        try
        {
            foreach (var request in new[] { "POST", "GET", "POST" })
            {
                using var response = request == "POST" ? await client.PostAsync("/notes", JsonOf(new { title = "during", body = "b" })) : await client.GetAsync("/notes");
                await AssertUnavailableAsync(response);
                refused++;
            }
        }
        finally
        {
            await postgres.Cluster.RestartAsync();
        }

        refused += await WaitForCreatedAsync(client);
        Assert.Single(host.Logs.Entries, e => e.EventId.Id == 1004 && e.Exception is Npgsql.NpgsqlException);
        var ended = Assert.Single(host.Logs.Entries, e => e.EventId.Id == 1005);
        Assert.Equal((long)refused, ended.Values["Refused"]);
        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId.Id == 1001);
    }

    [Fact]
    public async Task SqliteLockedIs503WithRetryAfterLoggedOnceThenRecoversWithoutRestart()
    {
        await using var target = new SqliteTarget();
        await using var host = LoggedHost.Start(target);
        var client = host.ClientFor(Alice);
        await CreateNoteAsync(client, "before");

        var refused = 0;
        await using (var locker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target.FilePath, Pooling = false }.ToString()))
        {
            await locker.OpenAsync();
            await using var exclusive = locker.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE"; // another process holding the write lock, as a backup tool or a stuck writer would
            await exclusive.ExecuteNonQueryAsync();

            var waited = Stopwatch.StartNew();
            using var response = await client.PostAsync("/notes", JsonOf(new { title = "during", body = "b" }));
            await AssertUnavailableAsync(response);
            refused++;
            // Refused rather than left hanging: SQLite waits out its busy timeout (10 s) first, on a machine that may be busy
            // with the rest of the suite, so the bound is generous. (A bound, not a speed target.)
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(45), $"The locked write took {waited.Elapsed} to be refused.");
        }

        refused += await WaitForCreatedAsync(client);
        Assert.Single(host.Logs.Entries, e => e.EventId.Id == 1004 && e.Exception is SqliteException);
        var ended = Assert.Single(host.Logs.Entries, e => e.EventId.Id == 1005);
        Assert.Equal((long)refused, ended.Values["Refused"]);
        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId.Id == 1001);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>Creates a note until it is created (every answer before that must be 503); returns how many 503s came first.</summary>
    private static async Task<int> WaitForCreatedAsync(HttpClient client)
    {
        var deadline = Stopwatch.StartNew();
        for (var refused = 0; ; refused++)
        {
            using var response = await client.PostAsync("/notes", JsonOf(new { title = "after", body = "b" }));
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return refused;
            }

            await AssertUnavailableAsync(response);
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), "The service did not recover within 5 s of the database returning.");
            await Task.Delay(50);
        }
    }
}

/// <summary>A PostgreSQL cluster of a test class's own, so stopping it disturbs no other test.</summary>
public sealed class OwnPostgresCluster : IAsyncLifetime
{
    private PostgresCluster? _cluster;

    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started yet.");

    public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>The sample in-process on one database, with every log event captured.</summary>
public sealed class LoggedHost : IAsyncDisposable
{
    private readonly SampleFactory _factory;
    private readonly WebApplicationFactory<Program> _app;

    private LoggedHost(DatabaseTarget target)
    {
        _factory = target.CreateFactory();
        _app = _factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Logs)));
    }

    public CapturedLogs Logs { get; } = new();

    public static LoggedHost Start(DatabaseTarget target) => new(target);

    public HttpClient ClientFor(TestCaller caller)
    {
        var client = SampleFactory.CheckedClient(_app);
        client.DefaultRequestHeaders.Add("X-Api-Key", caller.ApiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
    }
}
