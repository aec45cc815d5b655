using System.Net;
using static SecureApi.IntegrationTests.Agents.AgentClients;

namespace SecureApi.IntegrationTests.Agents;

/// <summary>
/// An agent's own budgets over HTTP: requests per window (<c>SecureApi:Agents:Requests</c>) and units the service charges
/// (<c>SecureApi:Agents:Units:tokens</c>, charged by the test service's <c>/agent-work</c>), refused with 429, Retry-After
/// and the budget's RateLimit entries; per agent, never the user's.
/// </summary>
public sealed class AgentBudgetTests
{
    [Fact]
    public async Task AnAgentOverItsRequestBudgetIsRefusedWith429RetryAfterAndTheBudgetsHeaders()
    {
        await using var factory = Service(("SecureApi:Agents:Requests", "2"));
        using var agent = Agent(KestrelHost.StartHttp(factory), "agent-7", "alice");
        for (var i = 0; i < 2; i++)
        {
            using var admitted = await agent.GetAsync("/widgets/me");
            admitted.EnsureSuccessStatusCode();
        }

        using var refused = await agent.GetAsync("/widgets/me");

        Assert.Equal(
            (HttpStatusCode.TooManyRequests, "application/problem+json", true, true, true),
            (refused.StatusCode, refused.Content.Headers.ContentType?.MediaType, refused.Headers.RetryAfter?.Delta > TimeSpan.Zero,
                Header(refused, "RateLimit-Policy").Contains("\"agent-requests\";q=2;w=3600", StringComparison.Ordinal),
                Header(refused, "RateLimit").Contains("\"agent-requests\";r=0;t=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnAdmittedAgentRequestSaysWhatItsBudgetHasLeft()
    {
        await using var factory = Service(("SecureApi:Agents:Requests", "5"));
        using var agent = Agent(KestrelHost.StartHttp(factory), "agent-7", "alice");

        using var response = await agent.GetAsync("/widgets/me");

        Assert.Contains("\"agent-requests\";r=4;t=3600", Header(response, "RateLimit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheUserAnAgentActsForIsServedOnceTheAgentsBudgetIsSpent()
    {
        await using var factory = Service(("SecureApi:Agents:Requests", "1"));
        var server = KestrelHost.StartHttp(factory);
        using var agent = Agent(server, "agent-7", "alice");
        using var alice = Person(server, "alice");
        (await agent.GetAsync("/widgets/me")).Dispose();
        (await agent.GetAsync("/widgets/me")).Dispose();

        using var response = await alice.GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnotherAgentOfTheSameUserHasABudgetOfItsOwn()
    {
        await using var factory = Service(("SecureApi:Agents:Requests", "1"));
        var server = KestrelHost.StartHttp(factory);
        using var first = Agent(server, "agent-7", "alice");
        using var second = Agent(server, "agent-8", "alice");
        (await first.GetAsync("/widgets/me")).Dispose();
        (await first.GetAsync("/widgets/me")).Dispose();

        using var response = await second.GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnAgentOverItsUnitBudgetIsRefusedWith429RetryAfterAndTheUnitsHeaders()
    {
        await using var factory = Service(("SecureApi:Agents:Units:tokens:Budget", "100"));
        using var agent = Agent(KestrelHost.StartHttp(factory), "agent-7", "alice");
        using var admitted = await WorkAsync(agent, 60);
        admitted.EnsureSuccessStatusCode();

        using var refused = await WorkAsync(agent, 60);

        Assert.Equal(
            (HttpStatusCode.TooManyRequests, "application/problem+json", true, true),
            (refused.StatusCode, refused.Content.Headers.ContentType?.MediaType, refused.Headers.RetryAfter?.Delta > TimeSpan.Zero,
                Header(refused, "RateLimit").Contains("\"agent-tokens\";r=0;t=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnAdmittedChargeSaysWhatTheUnitBudgetHasLeft()
    {
        await using var factory = Service(("SecureApi:Agents:Units:tokens:Budget", "100"));
        using var agent = Agent(KestrelHost.StartHttp(factory), "agent-7", "alice");

        using var response = await WorkAsync(agent, 60);

        Assert.Contains("\"agent-tokens\";r=40;t=3600", Header(response, "RateLimit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APersonIsNotChargedUnits()
    {
        await using var factory = Service(("SecureApi:Agents:Units:tokens:Budget", "100"));
        using var alice = Person(KestrelHost.StartHttp(factory), "alice");
        (await WorkAsync(alice, 60)).Dispose();

        using var response = await WorkAsync(alice, 60);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AUnitNamedRequestsFailsStartUpNamingTheSetting()
    {
        await using var factory = Service(("SecureApi:Agents:Units:requests:Budget", "10"));

        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("SecureApi:Agents:Units:requests", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoInstancesShareAnAgentsRequestBudgetThroughRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        var shared = Shared(redis, ("SecureApi:Agents:Requests", "2"));
        await using var one = Service(shared);
        await using var two = Service(shared);
        using var first = Agent(KestrelHost.StartHttp(one), "agent-7", "alice");
        using var second = Agent(KestrelHost.StartHttp(two), "agent-7", "alice");
        (await first.GetAsync("/widgets/me")).EnsureSuccessStatusCode();
        (await first.GetAsync("/widgets/me")).EnsureSuccessStatusCode();

        using var response = await second.GetAsync("/widgets/me");

        Assert.Equal((HttpStatusCode.TooManyRequests, true), (response.StatusCode, response.Headers.RetryAfter?.Delta > TimeSpan.Zero));
    }

    [Fact]
    public async Task TwoInstancesShareAnAgentsUnitBudgetThroughRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        var shared = Shared(redis, ("SecureApi:Agents:Units:tokens:Budget", "100"));
        await using var one = Service(shared);
        await using var two = Service(shared);
        using var first = Agent(KestrelHost.StartHttp(one), "agent-7", "alice");
        using var second = Agent(KestrelHost.StartHttp(two), "agent-7", "alice");
        (await WorkAsync(first, 60)).EnsureSuccessStatusCode();

        using var response = await WorkAsync(second, 60);

        Assert.Equal((HttpStatusCode.TooManyRequests, true), (response.StatusCode, response.Headers.RetryAfter?.Delta > TimeSpan.Zero));
    }

    private static (string Key, string Value)[] Shared(RedisServer redis, params (string Key, string Value)[] settings) =>
    [
        .. settings,
        ("SecureApi:RateLimiting:Redis:Configuration", redis.Configuration),
        ("SecureApi:RateLimiting:Redis:KeyPrefix", "secureapi:agents-" + Guid.NewGuid().ToString("N")),
    ];

    private static TestServiceFactory Service(params (string Key, string Value)[] settings)
    {
        var factory = new TestServiceFactory();
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        return factory;
    }
}
