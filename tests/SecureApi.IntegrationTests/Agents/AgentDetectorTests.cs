using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using SecureApi.IntegrationTests.Detection;
using SecureApi.Monitoring;
using static SecureApi.IntegrationTests.Agents.AgentClients;

namespace SecureApi.IntegrationTests.Agents;

/// <summary>
/// The agent behaviour detectors over HTTP: each fires on its pattern and answers it as configured (the agent throttled,
/// 429; or blocked, 403 — the agent, never the user it acts for), and none fires on an agent's ordinary traffic.
/// </summary>
public sealed class AgentDetectorTests
{
    private const int Threshold = 5;

    [Fact]
    public async Task TheSameCallRepeatedThrottlesTheAgent()
    {
        await using var factory = Attack.Factory(new RecordedEvents(), new RecordingSink(), Throttling("Loop"));
        using var agent = Agent(KestrelHost.StartHttp(factory), "agent-7", "alice");
        for (var i = 0; i < Threshold; i++)
        {
            (await agent.GetAsync("/widgets/me")).EnsureSuccessStatusCode();
        }

        (await agent.GetAsync("/widgets")).Dispose(); // the throttled budget's one request

        using var response = await agent.GetAsync("/widgets");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task ALoopIsAlertedAsTheAgentActingForItsUser()
    {
        var sink = new RecordingSink();
        await using var factory = Attack.Factory(new RecordedEvents(), sink, Throttling("Loop"));
        using var agent = Agent(KestrelHost.StartHttp(factory), "agent-7", "alice");
        for (var i = 0; i < Threshold; i++)
        {
            (await agent.GetAsync("/widgets/me")).Dispose();
        }

        await Attack.UntilAsync(() => sink.Alerts.Length > 0);

        var alert = Assert.Single(sink.Alerts);
        Assert.Equal(("AgentLoop", "agent", "agent-7@alice", "throttle"), (alert.Detector, alert.OffenderKind, alert.Offender, alert.Response));
    }

    [Fact]
    public async Task TheSameEndpointWithOtherValuesIsNoLoop()
    {
        var events = new RecordedEvents();
        await using var factory = Attack.Factory(events, new RecordingSink(), Throttling("Loop"));
        using var agent = Agent(KestrelHost.StartHttp(factory), "agent-7", "alice");
        for (var i = 0; i < Threshold * 2; i++)
        {
            (await agent.PostAsJsonAsync("/widgets", new { name = "widget-" + i.ToString(CultureInfo.InvariantCulture), quantity = 1, kind = "Gear" })).EnsureSuccessStatusCode();
        }

        Assert.Empty(events.Of(SecurityEventKind.AnomalyRaised));
    }

    [Fact]
    public async Task AnErrorSurgeBlocksTheAgent()
    {
        var events = new RecordedEvents();
        await using var factory = Attack.Factory(events, new RecordingSink(), Blocking("ErrorSurge"));
        using var agent = Agent(KestrelHost.StartHttp(factory), "agent-7", "alice");
        for (var i = 0; i < Threshold; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostAsJsonAsync("/widgets", new { name = "x", quantity = i })).StatusCode);
        }

        await Attack.UntilAsync(() => events.Of(SecurityEventKind.Blocked).Length > 0);

        using var response = await agent.GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AFewErrorsAmongManySuccessesAreNoSurge()
    {
        var events = new RecordedEvents();
        await using var factory = Attack.Factory(events, new RecordingSink(), Blocking("ErrorSurge"));
        using var agent = Agent(KestrelHost.StartHttp(factory), "agent-7", "alice");
        for (var i = 0; i < Threshold * 4; i++)
        {
            (await agent.GetAsync(i % 2 == 0 ? "/widgets/me" : "/widgets")).EnsureSuccessStatusCode();
        }

        for (var i = 0; i < Threshold; i++)
        {
            (await agent.PostAsJsonAsync("/widgets", new { name = "x", quantity = i })).Dispose();
        }

        Assert.Empty(events.Of(SecurityEventKind.AnomalyRaised));
    }

    [Fact]
    public async Task AnEndpointOutsideTheWarmUpsBlocksTheAgent()
    {
        var events = new RecordedEvents();
        await using var factory = Attack.Factory(events, new RecordingSink(), [.. Blocking("NewEndpoint"), ("SecureApi:Agents:Detectors:NewEndpoint:Threshold", "1")]);
        using var agent = Agent(KestrelHost.StartHttp(factory), "agent-7", "alice");
        for (var i = 0; i < Threshold; i++)
        {
            (await agent.GetAsync("/widgets/me")).EnsureSuccessStatusCode();
        }

        (await agent.GetAsync("/widgets")).EnsureSuccessStatusCode(); // never called while warming up
        await Attack.UntilAsync(() => events.Of(SecurityEventKind.Blocked).Length > 0);

        using var response = await agent.GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TheWarmUpsEndpointsAfterItAreUsual()
    {
        var events = new RecordedEvents();
        await using var factory = Attack.Factory(events, new RecordingSink(), [.. Blocking("NewEndpoint"), ("SecureApi:Agents:Detectors:NewEndpoint:Threshold", "1")]);
        using var agent = Agent(KestrelHost.StartHttp(factory), "agent-7", "alice");
        for (var i = 0; i < Threshold * 3; i++)
        {
            (await agent.GetAsync(i % 2 == 0 ? "/widgets/me" : "/widgets")).EnsureSuccessStatusCode();
        }

        Assert.Empty(events.Of(SecurityEventKind.AnomalyRaised));
    }

    [Fact]
    public async Task AnAgentEnumeratingIdsIsBlockedAsTheAgent()
    {
        var events = new RecordedEvents();
        await using var factory = Attack.Factory(events, new RecordingSink(), Enumeration());
        using var agent = Agent(KestrelHost.StartHttp(factory), "agent-7", "alice");
        await EnumerateAsync(agent);
        await Attack.UntilAsync(() => events.Of(SecurityEventKind.Blocked).Length > 0);

        using var response = await agent.GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TheUserOfAnAgentBlockedForEnumeratingIsStillServed()
    {
        var events = new RecordedEvents();
        await using var factory = Attack.Factory(events, new RecordingSink(), Enumeration());
        var server = KestrelHost.StartHttp(factory);
        using var agent = Agent(server, "agent-7", "alice");
        using var alice = Person(server, "alice");
        await EnumerateAsync(agent);
        await Attack.UntilAsync(() => events.Of(SecurityEventKind.Blocked).Length > 0);

        using var response = await alice.GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OrdinaryAgentTrafficRaisesNoAnomaly()
    {
        var events = new RecordedEvents();
        await using var factory = Attack.Factory(events, new RecordingSink(),
        [
            .. Throttling("Loop"), .. Blocking("ErrorSurge"), ("SecureApi:Agents:Detectors:NewEndpoint:Response", "Block"),
            ("SecureApi:Agents:Detectors:NewEndpoint:WarmUpRequests", RoundRequests.ToString(CultureInfo.InvariantCulture)), .. Enumeration(),
        ]);
        using var agent = Agent(KestrelHost.StartHttp(factory), "agent-7", "alice");

        await AssistAsync(agent); // the warm-up
        await AssistAsync(agent);

        Assert.Empty(events.Of(SecurityEventKind.AnomalyRaised));
    }

    private const int RoundRequests = 2 + (2 * Threshold) + 2;

    /// <summary>What an assistant does for its user: look around, create a few widgets, read each back, list, rename one.</summary>
    private static async Task AssistAsync(HttpClient agent)
    {
        (await agent.GetAsync("/widgets/me")).EnsureSuccessStatusCode();
        (await agent.GetAsync("/widgets")).EnsureSuccessStatusCode();
        var ids = new List<Guid>();
        for (var i = 0; i < Threshold; i++)
        {
            using var created = await agent.PostAsJsonAsync("/widgets", new { name = "gear-" + i.ToString(CultureInfo.InvariantCulture), quantity = i + 1, kind = "Gear" });
            ids.Add((await created.Content.ReadFromJsonAsync<IdOnly>())!.Id);
        }

        foreach (var id in ids)
        {
            (await agent.GetAsync($"/widgets/{id}")).EnsureSuccessStatusCode();
        }

        (await agent.PutAsJsonAsync($"/widgets/{ids[0]}", new { name = "renamed" })).EnsureSuccessStatusCode();
        (await agent.GetAsync("/widgets/me")).EnsureSuccessStatusCode();
    }

    private static async Task EnumerateAsync(HttpClient agent)
    {
        for (var i = 0; i < Threshold; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/widgets/{Guid.NewGuid()}")).StatusCode);
        }
    }

    /// <summary>The detector at <see cref="Threshold"/>, throttling; a throttled agent has one request per window.</summary>
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

    private static (string, string)[] Enumeration() => [("SecureApi:Detection:Enumeration:Threshold", Threshold.ToString(CultureInfo.InvariantCulture))];

    private sealed record IdOnly(Guid Id);
}
