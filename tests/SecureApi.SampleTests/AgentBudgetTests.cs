using System.Net;
using System.Net.Http.Headers;
using SecureApi.SampleTests.Infrastructure;
using SecureApi.Testing;

namespace SecureApi.SampleTests;

/// <summary>
/// The README walkthrough's agent budget on the sample: agent-7 acting for alice with a small request budget is refused
/// with 429 once it is spent, and alice's own requests go on. One engine: budgets do not touch the database.
/// </summary>
public sealed class AgentBudgetTests
{
    [Fact]
    public async Task AnAgentsFourthRequestOverABudgetOfThreeIsRefusedWithTheBudgetsHeader()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory(Settings());
        var agent = Agent(factory);
        for (var i = 0; i < 3; i++)
        {
            using var admitted = await agent.GetAsync("/notes");
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }

        using var refused = await agent.GetAsync("/notes");

        await Problem.AssertAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("\"agent-requests\";r=0;t=", string.Join(", ", refused.Headers.GetValues("RateLimit")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AliceIsServedOnceHerAgentsBudgetIsSpent()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory(Settings());
        var agent = Agent(factory);
        for (var i = 0; i < 4; i++)
        {
            (await agent.GetAsync("/notes")).Dispose();
        }

        using var response = await factory.ClientFor("alice").GetAsync("/notes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Dictionary<string, string?> Settings() =>
        new(SampleTokens.Settings, StringComparer.OrdinalIgnoreCase) { ["SecureApi:Agents:Requests"] = "3" };

    private static HttpClient Agent(SampleFactory factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SampleTokens.Agent("alice", "agent-7", "acme", [.. TestCaller.PersonScopes]));
        return client;
    }
}
