using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using SecureApi.IntegrationTests.Detection;
using SecureApi.Monitoring;
using static SecureApi.IntegrationTests.Agents.AgentClients;

namespace SecureApi.IntegrationTests.Agents;

/// <summary>
/// Two instances of the service on one Redis see one agent: its errors, its repeated calls and its usual endpoints are
/// counted and learned in Redis, so a pattern split across instances — each half below the threshold — is caught, and
/// the throttle or block it earns applies on both. Without Redis each instance sees only its half.
/// </summary>
public sealed class SharedAgentDetectorTests
{
    private const int Threshold = 6;
    private const int Half = Threshold / 2;

    [Fact]
    public async Task AnErrorSurgeSplitAcrossInstancesBlocksTheAgentOnBoth()
    {
        await using var redis = await RedisServer.StartAsync();
        var (first, second) = (new Instance(redis, Blocking("ErrorSurge")), new Instance(redis, Blocking("ErrorSurge")));
        await using var one = first.Factory;
        await using var two = second.Factory;
        using var toFirst = Agent(KestrelHost.StartHttp(one), "agent-7", "alice");
        using var toSecond = Agent(KestrelHost.StartHttp(two), "agent-7", "alice");
        await FailAsync(toFirst, Half);
        await FailAsync(toSecond, Half - 1);
        var beforeTheLast = Anomalies(first, second);

        await FailAsync(toSecond, 1); // the surge's last error: each instance has seen only half
        await Attack.UntilAsync(() => Anomalies(first, second) > 0);
        if (Anomalies(first, second) > 0)
        {
            await Attack.UntilAsync(async () => await StatusAsync(toFirst) == HttpStatusCode.Forbidden);
        }

        Assert.Equal(
            (0, 1, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            (beforeTheLast, Anomalies(first, second), await StatusAsync(toFirst), await StatusAsync(toSecond)));
    }

    [Fact]
    public async Task WithoutRedisEachInstanceSeesOnlyItsHalfOfTheSurge()
    {
        var (first, second) = (new Instance(null, Blocking("ErrorSurge")), new Instance(null, Blocking("ErrorSurge")));
        await using var one = first.Factory;
        await using var two = second.Factory;
        using var toFirst = Agent(KestrelHost.StartHttp(one), "agent-7", "alice");
        using var toSecond = Agent(KestrelHost.StartHttp(two), "agent-7", "alice");
        await FailAsync(toFirst, Half);
        await FailAsync(toSecond, Half);

        Assert.Equal(
            (0, 0, HttpStatusCode.OK, HttpStatusCode.OK),
            (first.Events.Of(SecurityEventKind.AnomalyRaised).Length, second.Events.Of(SecurityEventKind.AnomalyRaised).Length,
                await StatusAsync(toFirst), await StatusAsync(toSecond)));
    }

    [Fact]
    public async Task ALoopSplitAcrossInstancesThrottlesTheAgentOnBoth()
    {
        await using var redis = await RedisServer.StartAsync();
        var (first, second) = (new Instance(redis, Throttling("Loop")), new Instance(redis, Throttling("Loop")));
        await using var one = first.Factory;
        await using var two = second.Factory;
        using var toFirst = Agent(KestrelHost.StartHttp(one), "agent-7", "alice");
        using var toSecond = Agent(KestrelHost.StartHttp(two), "agent-7", "alice");
        for (var i = 0; i < Half; i++)
        {
            (await toFirst.GetAsync("/widgets/me")).EnsureSuccessStatusCode();
            (await toSecond.GetAsync("/widgets/me")).EnsureSuccessStatusCode();
        }

        await Attack.UntilAsync(() => Anomalies(first, second) > 0);

        // Throttled, the agent's shared budget is one request: the first instance spends it, then both refuse. Each
        // request asks another page, so the waiting is no loop of its own.
        var page = 1;
        if (Anomalies(first, second) > 0)
        {
            await Attack.UntilAsync(async () => await StatusAsync(toFirst, $"/widgets?page={++page}") == HttpStatusCode.TooManyRequests);
        }

        Assert.Equal(
            (1, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests),
            (Anomalies(first, second), await StatusAsync(toFirst, $"/widgets?page={++page}"), await StatusAsync(toSecond, $"/widgets?page={++page}")));
    }

    [Fact]
    public async Task AnEndpointLearnedOnOneInstanceIsUsualOnTheOther()
    {
        await using var redis = await RedisServer.StartAsync();
        (string, string)[] settings = [.. Blocking("NewEndpoint"), ("SecureApi:Agents:Detectors:NewEndpoint:Threshold", "1")];
        var (first, second) = (new Instance(redis, settings), new Instance(redis, settings));
        await using var one = first.Factory;
        await using var two = second.Factory;
        using var toFirst = Agent(KestrelHost.StartHttp(one), "agent-7", "alice");
        using var toSecond = Agent(KestrelHost.StartHttp(two), "agent-7", "bob"); // the same actor, for another user
        for (var i = 0; i < Threshold; i++)
        {
            (await toFirst.GetAsync(i % 2 == 0 ? "/widgets/me" : "/widgets")).EnsureSuccessStatusCode(); // the warm-up, on the first
        }

        (await toSecond.GetAsync("/widgets/me")).EnsureSuccessStatusCode(); // usual: learned on the first
        (await toSecond.GetAsync("/widgets")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(toSecond, $"/widgets/{Guid.NewGuid()}")); // never called
        await Attack.UntilAsync(() => second.Events.Of(SecurityEventKind.AnomalyRaised).Length > 0);

        // The one anomaly is the never-called endpoint's (its not-found event names the same endpoint).
        var anomaly = Assert.Single(second.Events.Of(SecurityEventKind.AnomalyRaised));
        Assert.Equal(Assert.Single(second.Events.Of(SecurityEventKind.NotFoundOrNotYours)).Endpoint, anomaly.Endpoint);
    }

    private static int Anomalies(Instance first, Instance second) =>
        first.Events.Of(SecurityEventKind.AnomalyRaised).Length + second.Events.Of(SecurityEventKind.AnomalyRaised).Length;

    private static async Task FailAsync(HttpClient agent, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostAsJsonAsync("/widgets", new { name = "x", quantity = i })).StatusCode);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient agent, string path = "/widgets/me")
    {
        using var response = await agent.GetAsync(path);
        return response.StatusCode;
    }

    private static (string, string)[] Throttling(string detector) =>
    [
        ($"SecureApi:Agents:Detectors:{detector}:Threshold", Threshold.ToString(CultureInfo.InvariantCulture)),
        ($"SecureApi:Agents:Detectors:{detector}:Response", "Throttle"),
        ("SecureApi:Agents:Requests", "100"),
        ("SecureApi:Agents:Throttle:Multiplier", "0.01"),
    ];

    private static (string, string)[] Blocking(string detector) =>
    [
        ($"SecureApi:Agents:Detectors:{detector}:Threshold", Threshold.ToString(CultureInfo.InvariantCulture)),
        ($"SecureApi:Agents:Detectors:{detector}:Response", "Block"),
        ($"SecureApi:Agents:Detectors:{detector}:WarmUpRequests", Threshold.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>One instance of the test service with detection on, and, given a Redis, its limits, blocks and detectors there.</summary>
    private sealed class Instance
    {
        public Instance(RedisServer? redis, (string, string)[] settings)
        {
            Factory = Attack.Factory(Events, new RecordingSink(), settings);
            if (redis is not null)
            {
                // One deployment: every instance on the same Redis and key prefix (one per server, so tests never meet).
                Factory.Settings["SecureApi:RateLimiting:Redis:Configuration"] = redis.Configuration;
                Factory.Settings["SecureApi:RateLimiting:Redis:KeyPrefix"] = "secureapi:shared-detectors-" + redis.Port.ToString(CultureInfo.InvariantCulture);
            }
        }

        public RecordedEvents Events { get; } = new();

        public TestServiceFactory Factory { get; }
    }
}
