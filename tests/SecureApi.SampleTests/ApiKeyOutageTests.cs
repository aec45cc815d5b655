using System.Net;
using SecureApi.SampleTests.Infrastructure;

namespace SecureApi.SampleTests;

/// <summary>
/// With the database stopped: a well-formed stored key cannot be checked, so it is a 503 with <c>Retry-After</c> — not
/// a 401 (the key may be fine; a client told "wrong key" might throw it away) and not a 500. A malformed key is still
/// the 401 it always is, which proves it is refused without a database lookup: a lookup would have been the 503.
/// </summary>
public sealed class ApiKeyOutageTests(ApiKeyOutageTests.StoppedDatabase stopped) : IClassFixture<ApiKeyOutageTests.StoppedDatabase>
{
    [Fact]
    public async Task AWellFormedKeyIs503WithRetryAfterWhileTheDatabaseIsDown()
    {
        using var client = KeyAdmin.ClientWithKey(stopped.Factory, stopped.Key);

        using var response = await client.GetAsync("/admin/stats");

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Theory]
    [MemberData(nameof(ApiKeyText.MalformationNames), MemberType = typeof(ApiKeyText))]
    public async Task AMalformedKeyIs401WithoutALookupWhileTheDatabaseIsDown(string how)
    {
        using var client = KeyAdmin.ClientWithKey(stopped.Factory, ApiKeyText.Malformed(stopped.Key, how));

        using var response = await client.GetAsync("/admin/stats");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    /// <summary>Static keys live in configuration: the monitoring service still gets in when the database does not answer.</summary>
    [Fact]
    public async Task AStaticKeyStillAuthenticatesWhileTheDatabaseIsDown()
    {
        using var response = await stopped.Factory.ClientFor("monitor").GetAsync("/admin/stats");

        await Api.AssertStatusAsync(response, HttpStatusCode.OK);
    }

    /// <summary>The sample on its own PostgreSQL cluster, with one minted key, and the cluster then stopped for good.</summary>
#pragma warning disable CA1001 // xunit disposes a fixture through IAsyncLifetime.DisposeAsync, which disposes the target
    public sealed class StoppedDatabase : IAsyncLifetime
    {
        private PostgresCluster? _cluster;
        private DatabaseTarget? _target;
        private SampleFactory? _factory;

        public SampleFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

        public string Key { get; private set; } = "";

        public async Task InitializeAsync()
        {
            _cluster = await PostgresCluster.StartAsync();
            _target = new PostgresTarget(await _cluster.CreateDatabaseAsync());
            _factory = _target.CreateFactory();
            Key = (await KeyAdmin.MintAsync(_factory, "outage-bot")).Key;
            Assert.Equal(HttpStatusCode.OK, await KeyAdmin.StatusWithAsync(_factory, Key));
            await _cluster.StopAsync();
        }

        public async Task DisposeAsync()
        {
            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }

            if (_target is not null)
            {
                await _target.DisposeAsync();
            }

            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
    }
#pragma warning restore CA1001
}
