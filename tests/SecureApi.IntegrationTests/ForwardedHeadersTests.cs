using System.Net;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Forwarded headers change what the service believes about a request only when they come from a configured proxy.
/// ASP.NET Core's own default trusts loopback; SecureApi does not, so a caller on the same machine cannot claim another
/// address or HTTPS. Over real Kestrel on 127.0.0.1; <c>/probe/connection</c> answers "address scheme host".
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task WithoutAConfiguredProxyXForwardedForFromLoopbackChangesNothing()
    {
        var seen = await ConnectionAsSeenAsync(new(), ("X-Forwarded-For", "203.0.113.7"));

        Assert.Equal("127.0.0.1", seen[0]);
    }

    [Fact]
    public async Task WithoutAConfiguredProxyXForwardedProtoFromLoopbackChangesNothing()
    {
        var seen = await ConnectionAsSeenAsync(new(), ("X-Forwarded-Proto", "https"));

        Assert.Equal("http", seen[1]);
    }

    [Fact]
    public async Task WithoutAConfiguredProxyXForwardedHostFromLoopbackChangesNothing()
    {
        var seen = await ConnectionAsSeenAsync(new(), ("X-Forwarded-Host", "attacker.example"));

        Assert.NotEqual("attacker.example", seen[2]);
    }

    /// <summary>ASPNETCORE_FORWARDEDHEADERS_ENABLED alone would trust every sender; SecureApi's trust list still decides.</summary>
    [Fact]
    public async Task ThePlatformsForwardedHeadersSwitchAloneTrustsNobody()
    {
        var seen = await ConnectionAsSeenAsync(new() { ["FORWARDEDHEADERS_ENABLED"] = "true" }, ("X-Forwarded-For", "203.0.113.7"));

        Assert.Equal("127.0.0.1", seen[0]);
    }

    [Fact]
    public async Task FromAConfiguredProxyXForwardedForApplies()
    {
        var seen = await ConnectionAsSeenAsync(new() { ["SecureApi:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" }, ("X-Forwarded-For", "203.0.113.7"));

        Assert.Equal("203.0.113.7", seen[0]);
    }

    [Fact]
    public async Task FromAConfiguredProxyXForwardedProtoApplies()
    {
        var seen = await ConnectionAsSeenAsync(new() { ["SecureApi:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" }, ("X-Forwarded-Proto", "https"));

        Assert.Equal("https", seen[1]);
    }

    [Fact]
    public async Task FromAConfiguredProxyNetworkXForwardedForApplies()
    {
        var seen = await ConnectionAsSeenAsync(new() { ["SecureApi:ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8" }, ("X-Forwarded-For", "203.0.113.7"));

        Assert.Equal("203.0.113.7", seen[0]);
    }

    [Fact]
    public async Task AProxyThatIsNotAnAddressFailsStartUpNamingTheSetting()
    {
        await using var factory = new TestServiceFactory();
        factory.Settings["SecureApi:ForwardedHeaders:KnownProxies:0"] = "proxy.internal";

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("SecureApi:ForwardedHeaders:KnownProxies entry \"proxy.internal\"", failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>"address scheme host" as the service saw a request from 127.0.0.1 carrying <paramref name="header"/>.</summary>
    private static async Task<string[]> ConnectionAsSeenAsync(Dictionary<string, string> settings, (string Name, string Value) header)
    {
        await using var factory = new TestServiceFactory();
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        var http = KestrelHost.StartHttp(factory);
        using var client = new HttpClient { BaseAddress = http };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/probe/connection", UriKind.Relative));
        request.Headers.Add(header.Name, header.Value);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).Split(' ');
    }
}
