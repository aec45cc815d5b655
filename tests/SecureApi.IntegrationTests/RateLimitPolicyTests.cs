using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Limits on every request: the default per caller, a tighter one per address for anonymous callers, named policies
/// from configuration, tiers and agents, and the headers a client paces itself by. Through the real pipeline.
/// </summary>
public sealed class RateLimitPolicyTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    [Fact]
    public async Task AnEndpointWithoutRateLimitGetsTheDefaultPolicy()
    {
        await using var app = With(("SecureApi:RateLimitPermits", "2"));
        var alice = Client(app, "alice");

        await alice.GetAsync("/guarded/anyone");
        await alice.GetAsync("/guarded/anyone");
        var third = await alice.GetAsync("/guarded/anyone");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    [Fact]
    public async Task AHandMappedEndpointIsLimitedToo()
    {
        await using var app = With(("SecureApi:RateLimitPermits", "2"));
        var alice = Client(app, "alice");

        await alice.GetAsync("/hand-mapped");
        await alice.GetAsync("/hand-mapped");
        var third = await alice.GetAsync("/hand-mapped");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    [Fact]
    public async Task ParallelRequestsOnOnePartitionAdmitExactlyTheLimit()
    {
        await using var app = With(("SecureApi:RateLimitPermits", "7"));
        var alice = Client(app, "alice");

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => alice.GetAsync("/guarded/anyone")));

        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
    }

    [Fact]
    public async Task OneCallersExhaustionLeavesAnotherCallerServed()
    {
        await using var app = With(("SecureApi:RateLimitPermits", "1"));
        await Client(app, "alice").GetAsync("/guarded/anyone");
        await Client(app, "alice").GetAsync("/guarded/anyone");

        var bob = await Client(app, "bob").GetAsync("/guarded/anyone");

        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
    }

    [Fact]
    public async Task AnonymousExhaustionOfAnAddressLeavesAnAuthenticatedCallerServed()
    {
        await using var app = With(("SecureApi:RateLimiting:Policies:anonymous:Permits", "1"));
        var anonymous = app.CreateClient();
        await anonymous.GetAsync("/probe/health");
        await anonymous.GetAsync("/probe/health");

        var alice = await Client(app, "alice").GetAsync("/probe/health");

        Assert.Equal(HttpStatusCode.OK, alice.StatusCode);
    }

    [Fact]
    public async Task AnonymousCallersGetAFifthOfTheCallerBudgetByDefault()
    {
        await using var app = With(("SecureApi:RateLimitPermits", "50"));

        var response = await app.CreateClient().GetAsync("/probe/health");

        Assert.Equal("\"anonymous\";q=10;w=60", response.Headers.GetValues("RateLimit-Policy").Single());
    }

    [Fact]
    public async Task SpoofedForwardedForFromAnUntrustedPeerMakesNoNewPartition()
    {
        await using var app = With(("SecureApi:RateLimiting:Policies:anonymous:Permits", "2"));
        var client = app.CreateClient();
        for (var i = 1; i <= 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/probe/health");
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i}");
            await client.SendAsync(request);
        }

        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/probe/health");
        spoofed.Headers.Add("X-Forwarded-For", "203.0.113.99");
        spoofed.Headers.Add("X-Real-IP", "203.0.113.98");
        spoofed.Headers.Add("Forwarded", "for=203.0.113.97");
        var response = await client.SendAsync(spoofed);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    /// <summary>A failed authentication leaves the request anonymous, so cycling made-up keys spends the address's budget.</summary>
    [Fact]
    public async Task RotatingInvalidKeysSpendTheAddressBudget()
    {
        await using var app = With(("SecureApi:RateLimiting:Policies:anonymous:Permits", "2"));
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/guarded/anyone");
            request.Headers.Add("X-Api-Key", "guess-" + i.ToString(CultureInfo.InvariantCulture));
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task PathVariantsShareOnePartition()
    {
        await using var app = With(("SecureApi:RateLimitPermits", "3"));
        var alice = Client(app, "alice");
        await alice.GetAsync("/limited");
        await alice.GetAsync("/LIMITED");
        await alice.GetAsync("/limited/");

        var fourth = await alice.GetAsync("/Limited/");

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
    }

    [Fact]
    public async Task AnAdmittedResponseNamesThePolicyAndItsQuota()
    {
        await using var app = With(("SecureApi:RateLimitPermits", "3"));

        var response = await Client(app, "alice").GetAsync("/limited");

        Assert.Equal("\"per-user\";q=3;w=60", response.Headers.GetValues("RateLimit-Policy").Single());
    }

    [Fact]
    public async Task AnAdmittedResponseSaysWhatIsLeft()
    {
        await using var app = With(("SecureApi:RateLimitPermits", "3"));
        var alice = Client(app, "alice");
        await alice.GetAsync("/limited");

        var response = await alice.GetAsync("/limited");

        Assert.Equal("\"per-user\";r=1;t=61", response.Headers.GetValues("RateLimit").Single());
    }

    [Fact]
    public async Task ARejectionCarriesRetryAfterAndTheRateLimitHeaders()
    {
        await using var app = With(("SecureApi:RateLimitPermits", "1"));
        var alice = Client(app, "alice");
        await alice.GetAsync("/limited");

        var rejected = await alice.GetAsync("/limited");

        Assert.Equal(
            ("61", "\"per-user\";q=1;w=60", "\"per-user\";r=0;t=61"),
            (rejected.Headers.GetValues("Retry-After").Single(), rejected.Headers.GetValues("RateLimit-Policy").Single(), rejected.Headers.GetValues("RateLimit").Single()));
    }

    [Fact]
    public async Task ARetryAfterTheNamedWaitSucceeds()
    {
        await using var app = With(("SecureApi:RateLimiting:Policies:per-user:Permits", "1"), ("SecureApi:RateLimiting:Policies:per-user:WindowSeconds", "2"));
        var alice = Client(app, "alice");
        await alice.GetAsync("/limited");
        var rejected = await alice.GetAsync("/limited");
        var wait = int.Parse(rejected.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);

        await Task.Delay(TimeSpan.FromSeconds(wait));
        var retry = await alice.GetAsync("/limited");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task ANamedPolicyFromConfigurationIsUsed()
    {
        await using var app = With(
            ("SecureApi:RateLimiting:Policies:per-user:Kind", "TokenBucket"),
            ("SecureApi:RateLimiting:Policies:per-user:Permits", "4"),
            ("SecureApi:RateLimiting:Policies:per-user:WindowSeconds", "30"));

        var response = await Client(app, "alice").GetAsync("/limited");

        Assert.Equal("\"per-user\";q=4;w=30", response.Headers.GetValues("RateLimit-Policy").Single());
    }

    [Fact]
    public async Task APremiumTierGetsItsMultipliedQuota()
    {
        await using var app = With(("SecureApi:RateLimitPermits", "10"), ("SecureApi:RateLimiting:Tiers:premium:PermitMultiplier", "3"));
        var client = Client(app, "alice");
        client.DefaultRequestHeaders.Add("X-Test-Claim-tier", "premium");

        var response = await client.GetAsync("/limited");

        Assert.Equal("\"per-user\";q=30;w=60", response.Headers.GetValues("RateLimit-Policy").Single());
    }

    [Fact]
    public async Task AStaticKeysTierSizesItsQuota()
    {
        const string Key = "static-premium-key";
        await using var app = With(
            ("SecureApi:RateLimitPermits", "10"),
            ("SecureApi:RateLimiting:Tiers:premium:PermitMultiplier", "3"),
            ("SecureApi:Authentication:ApiKeys:Static:0:Subject", "kim"),
            ("SecureApi:Authentication:ApiKeys:Static:0:Tier", "premium"),
            ("SecureApi:Authentication:ApiKeys:Static:0:Sha256", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key)))));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var response = await client.GetAsync("/limited");

        Assert.Equal("\"per-user\";q=30;w=60", response.Headers.GetValues("RateLimit-Policy").Single());
    }

    [Fact]
    public async Task AnAgentHasABudgetApartFromItsUser()
    {
        await using var app = With(("SecureApi:RateLimitPermits", "1"));
        await Client(app, "alice").GetAsync("/limited");
        var agent = Client(app, "alice");
        agent.DefaultRequestHeaders.Add("X-Test-Claim-client_kind", "agent");

        var response = await agent.GetAsync("/limited");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AgentsGetTheirOwnPermits()
    {
        await using var app = With(("SecureApi:RateLimitPermits", "10"), ("SecureApi:RateLimiting:Agents:Permits", "2"));
        var agent = Client(app, "alice");
        agent.DefaultRequestHeaders.Add("X-Test-Claim-client_kind", "agent");

        var response = await agent.GetAsync("/limited");

        // The list's first member is the policy's; an agent's own request budget follows it (SecureApi:Agents).
        Assert.Equal("\"per-user\";q=2;w=60", response.Headers.GetValues("RateLimit-Policy").First());
    }

    [Fact]
    public void AMalformedPartitionStopsStartUpNamingTheSetting()
    {
        using var app = With(("SecureApi:RateLimiting:Policies:default:Partition", "Caller+Nope"));

        var failure = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("SecureApi:RateLimiting:Policies:default:Partition 'Nope'", failure.Message, StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> With(params (string Key, string Value)[] settings) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration(config =>
            config.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))));

    private static HttpClient Client(WebApplicationFactory<Program> app, string subject)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-Subject", subject);
        return client;
    }
}
