using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.TestService;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Ways a caller might try to get a fresh budget, over real Kestrel on loopback: spelling the path differently, asking
/// for another method in a header, switching credentials, or hiding behind another tier or an agent. Each either spends
/// the budget it should or never reaches a handler.
/// </summary>
public sealed class RateLimitBypassTests
{
    private const string ApiKey = "bypass-test-key-for-alice";
    private const string JwtKeyId = "bypass-rsa";
    private const string NewWidget = """{"name":"variant","quantity":1,"kind":"gear"}""";

    private static readonly (string, string)[] s_alice = [("X-Test-Subject", "alice")];

    /// <summary>
    /// Kestrel decodes percent-encoded characters (except <c>%2F</c>) and removes dot segments before routing, and
    /// routing matches literals case-insensitively and ignores one trailing slash: these all reach <c>POST /widgets</c>,
    /// so with the default policy partitioned by caller and endpoint they spend its budget. So do the absolute form of
    /// the request-target and a query string: the partition is the route pattern, never the raw target.
    /// </summary>
    [Theory]
    [InlineData("/WIDGETS")]
    [InlineData("/Widgets")]
    [InlineData("/widgets/")]
    [InlineData("/widget%73")]
    [InlineData("/%77%69%64%67%65%74%73")]
    [InlineData("/widget%53")]
    [InlineData("/./widgets")]
    [InlineData("/other/../widgets")]
    [InlineData("/widgets/.")]
    [InlineData("/widgets/%2E")]
    [InlineData("/widgets/%2e%2E/widgets")]
    [InlineData("http://{authority}/widgets")] // absolute-form, which HTTP/1.1 servers must accept
    [InlineData("/widgets?x=1")]
    public async Task APathVariantOfTheRouteSpendsTheRoutesBudget(string variant)
    {
        await using var factory = Service(("SecureApi:RateLimitPermits", "2"), ("SecureApi:RateLimiting:Policies:default:Partition", "Caller+Endpoint"));
        var server = KestrelHost.StartHttp(factory);
        await RawHttp.SendAsync(server, "POST", "/widgets", s_alice, NewWidget);
        await RawHttp.SendAsync(server, "POST", "/widgets", s_alice, NewWidget);

        var status = await RawHttp.SendAsync(server, "POST", variant.Replace("{authority}", server.Authority, StringComparison.Ordinal), s_alice, NewWidget);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
    }

    /// <summary>
    /// Kestrel keeps <c>%2F</c> encoded (a literal, not a separator), does not collapse <c>//</c> or strip
    /// <c>;params</c>, and decodes <c>%20</c> and <c>%3B</c> into a space and a <c>;</c> of the segment: these match no
    /// route, so routing answers 404 and the handler never runs (still only the two widgets spent on the route).
    /// </summary>
    [Theory]
    [InlineData("/widgets%2F")]
    [InlineData("/widgets%2f")]
    [InlineData("//widgets")]
    [InlineData("/widgets//")]
    [InlineData("/widgets;x=1")]
    [InlineData("/widgets;")]
    [InlineData("/widgets%20")]
    [InlineData("/widgets%3Bx=1")]
    public async Task APathVariantThatMatchesNoRouteNeverReachesTheHandler(string variant)
    {
        await using var factory = Service(("SecureApi:RateLimitPermits", "2"), ("SecureApi:RateLimiting:Policies:default:Partition", "Caller+Endpoint"));
        var server = KestrelHost.StartHttp(factory);
        await RawHttp.SendAsync(server, "POST", "/widgets", s_alice, NewWidget);
        await RawHttp.SendAsync(server, "POST", "/widgets", s_alice, NewWidget);

        var status = await RawHttp.SendAsync(server, "POST", variant, s_alice, NewWidget);

        Assert.Equal((HttpStatusCode.NotFound, 2), (status, Widgets(factory).List(null, 0, 100).Length));
    }

    [Theory]
    [InlineData("X-HTTP-Method-Override")]
    [InlineData("X-HTTP-Method")]
    [InlineData("X-Method-Override")]
    public async Task APostAskingToBeADeleteDeletesNothing(string header)
    {
        await using var factory = Service();
        var server = KestrelHost.StartHttp(factory);
        var widget = Widgets(factory).Add("alice", new NewWidget("kept", 1, WidgetKind.Gear));

        await RawHttp.SendAsync(server, "POST", $"/widgets/{widget.Id}", [.. s_alice, (header, "DELETE")], "{}");

        Assert.NotNull(Widgets(factory).Find(widget.Id));
    }

    [Theory]
    [InlineData("X-HTTP-Method-Override")]
    [InlineData("X-HTTP-Method")]
    [InlineData("X-Method-Override")]
    public async Task AGetAskingToBeADeleteDeletesNothing(string header)
    {
        await using var factory = Service();
        var server = KestrelHost.StartHttp(factory);
        var widget = Widgets(factory).Add("alice", new NewWidget("kept", 1, WidgetKind.Gear));

        await RawHttp.SendAsync(server, "GET", $"/widgets/{widget.Id}", [.. s_alice, (header, "DELETE")]);

        Assert.NotNull(Widgets(factory).Find(widget.Id));
    }

    /// <summary>The method on the request line picks the route and the partition; the header is just a header.</summary>
    [Theory]
    [InlineData("X-HTTP-Method-Override")]
    [InlineData("X-HTTP-Method")]
    [InlineData("X-Method-Override")]
    public async Task APostAskingToBeADeleteSpendsThePostRoutesBudget(string header)
    {
        await using var factory = Service(("SecureApi:RateLimitPermits", "1"), ("SecureApi:RateLimiting:Policies:default:Partition", "Caller+Endpoint"));
        var server = KestrelHost.StartHttp(factory);
        await RawHttp.SendAsync(server, "POST", "/widgets", [.. s_alice, (header, "DELETE")], NewWidget);

        var status = await RawHttp.SendAsync(server, "POST", "/widgets", s_alice, NewWidget);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
    }

    /// <summary>The default policy is per caller: a key and a token of one subject draw on one budget, whichever comes next.</summary>
    [Theory]
    [InlineData("key")]
    [InlineData("token")]
    public async Task AnApiKeyAndATokenOfOneSubjectShareTheDefaultBudget(string next)
    {
        using var signing = RSA.Create(2048);
        await using var factory = KeyAndTokenService(signing, ("SecureApi:RateLimitPermits", "4"));
        var server = KestrelHost.StartHttp(factory);
        using var key = KeyClient(server);
        using var token = TokenClient(server, signing);
        (await key.GetAsync("/widgets/me")).EnsureSuccessStatusCode();
        (await key.GetAsync("/widgets/me")).EnsureSuccessStatusCode();
        (await token.GetAsync("/widgets/me")).EnsureSuccessStatusCode();
        (await token.GetAsync("/widgets/me")).EnsureSuccessStatusCode();

        using var response = await (next == "key" ? key : token).GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    /// <summary>A policy partitioned by API key gives each key its own budget: the same subject's token is not charged for it.</summary>
    [Fact]
    public async Task UnderAPolicyPartitionedByApiKeyAKeysExhaustionLeavesTheSubjectsTokenServed()
    {
        using var signing = RSA.Create(2048);
        await using var factory = KeyAndTokenService(signing, ("SecureApi:RateLimitPermits", "2"), ("SecureApi:RateLimiting:Policies:default:Partition", "ApiKey"));
        var server = KestrelHost.StartHttp(factory);
        using var key = KeyClient(server);
        using var token = TokenClient(server, signing);
        await key.GetAsync("/widgets/me");
        await key.GetAsync("/widgets/me");

        using var response = await token.GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnderAPolicyPartitionedByApiKeyATokensExhaustionLeavesTheSubjectsKeyServed()
    {
        using var signing = RSA.Create(2048);
        await using var factory = KeyAndTokenService(signing, ("SecureApi:RateLimitPermits", "2"), ("SecureApi:RateLimiting:Policies:default:Partition", "ApiKey"));
        var server = KestrelHost.StartHttp(factory);
        using var key = KeyClient(server);
        using var token = TokenClient(server, signing);
        await token.GetAsync("/widgets/me");
        await token.GetAsync("/widgets/me");

        using var response = await key.GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// Partitioned by address only, every caller here is 127.0.0.1: the tier is what keeps a free caller's exhaustion
    /// from reaching a premium caller (both tiers get the same permits, so only the tier tells them apart).
    /// </summary>
    [Fact]
    public async Task OneTiersExhaustionLeavesAnotherTiersCallerServed()
    {
        await using var factory = Service(
            ("SecureApi:RateLimiting:Policies:default:Partition", "ClientIp"),
            ("SecureApi:RateLimiting:Tiers:free:Permits", "1"),
            ("SecureApi:RateLimiting:Tiers:premium:Permits", "1"));
        var server = KestrelHost.StartHttp(factory);
        (string, string)[] free = [("X-Test-Subject", "bob"), ("X-Test-Claim-tier", "free")];
        await RawHttp.SendAsync(server, "GET", "/widgets/me", free);
        await RawHttp.SendAsync(server, "GET", "/widgets/me", free);

        var status = await RawHttp.SendAsync(server, "GET", "/widgets/me", [("X-Test-Subject", "carol"), ("X-Test-Claim-tier", "premium")]);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task AnAgentsExhaustionLeavesTheUserItActsForServed()
    {
        await using var factory = Service(("SecureApi:RateLimitPermits", "1"));
        var server = KestrelHost.StartHttp(factory);
        (string, string)[] agent = [.. s_alice, ("X-Test-Claim-client_kind", "agent")];
        await RawHttp.SendAsync(server, "GET", "/widgets/me", agent);
        await RawHttp.SendAsync(server, "GET", "/widgets/me", agent);

        var status = await RawHttp.SendAsync(server, "GET", "/widgets/me", s_alice);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static TestServiceFactory Service(params (string Key, string Value)[] settings)
    {
        var factory = new TestServiceFactory();
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        return factory;
    }

    /// <summary>The test service with JWT (this RSA key) and one API key, both for subject alice.</summary>
    private static TestServiceFactory KeyAndTokenService(RSA signing, params (string Key, string Value)[] settings) => Service(
    [
        ("SecureApi:Authentication:Jwt:Issuers:0", TestTokens.Issuer),
        ("SecureApi:Authentication:Jwt:Audiences:0", TestTokens.Audience),
        ("SecureApi:Authentication:Jwt:SigningKeys:0:Id", JwtKeyId),
        ("SecureApi:Authentication:Jwt:SigningKeys:0:PublicKeyPem", signing.ExportSubjectPublicKeyInfoPem()),
        ("SecureApi:Authentication:ApiKeys:Static:0:Subject", "alice"),
        ("SecureApi:Authentication:ApiKeys:Static:0:Sha256", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey)))),
        .. settings,
    ]);

    private static HttpClient KeyClient(Uri server)
    {
        var client = new HttpClient { BaseAddress = server };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    private static HttpClient TokenClient(Uri server, RSA signing)
    {
        var client = new HttpClient { BaseAddress = server };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Rs256(signing, TestTokens.Claims("alice"), JwtKeyId));
        return client;
    }

    private static WidgetRepository Widgets(TestServiceFactory factory) => factory.Services.GetRequiredService<WidgetRepository>();
}
