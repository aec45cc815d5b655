using System.Net;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Cross-origin browser calls are denied unless <c>SecureApi:Cors:AllowedOrigins</c> names the origin exactly. A
/// browser enforces CORS by the <c>Access-Control-Allow-Origin</c> header; without it the calling page reads nothing.
/// </summary>
public sealed class CorsTests
{
    private const string Configured = "https://app.example.test";
    private const string Other = "https://evil.example.test";

    [Fact]
    public async Task APreflightFromAnOriginWhenNoneIsConfiguredGetsNoAllowOrigin()
    {
        await using var factory = new TestServiceFactory();

        using var response = await SendAsync(factory, Preflight(Other));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ARequestFromAnOriginWhenNoneIsConfiguredGetsNoAllowOrigin()
    {
        await using var factory = new TestServiceFactory();

        using var response = await SendAsync(factory, Actual(Other));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task APreflightFromAnotherOriginThanTheConfiguredOneGetsNoAllowOrigin()
    {
        await using var factory = Configure(new() { ["SecureApi:Cors:AllowedOrigins:0"] = Configured });

        using var response = await SendAsync(factory, Preflight(Other));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task APreflightFromTheConfiguredOriginIsAllowed()
    {
        await using var factory = Configure(new() { ["SecureApi:Cors:AllowedOrigins:0"] = Configured });

        using var response = await SendAsync(factory, Preflight(Configured));

        Assert.Equal([Configured], response.Headers.GetValues("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ARequestFromTheConfiguredOriginIsAllowed()
    {
        await using var factory = Configure(new() { ["SecureApi:Cors:AllowedOrigins:0"] = Configured });

        using var response = await SendAsync(factory, Actual(Configured));

        Assert.Equal([Configured], response.Headers.GetValues("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task CredentialsAreNotAllowedUnlessConfigured()
    {
        await using var factory = Configure(new() { ["SecureApi:Cors:AllowedOrigins:0"] = Configured });

        using var response = await SendAsync(factory, Preflight(Configured));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task AnyOriginWithCredentialsFailsStartUpNamingBothSettings()
    {
        await using var factory = Configure(new() { ["SecureApi:Cors:AllowedOrigins:0"] = "*", ["SecureApi:Cors:AllowCredentials"] = "true" });

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("SecureApi:Cors:AllowedOrigins contains \"*\" while SecureApi:Cors:AllowCredentials is true", failure.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://*.example.test")]
    [InlineData("https://app.example.test/")]
    [InlineData("https://app.example.test:443")]
    [InlineData("app.example.test")]
    [InlineData("null")]
    public async Task AnOriginThatIsNotExactFailsStartUpNamingIt(string origin)
    {
        await using var factory = Configure(new() { ["SecureApi:Cors:AllowedOrigins:0"] = origin });

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains($"SecureApi:Cors:AllowedOrigins entry \"{origin}\"", failure.ToString(), StringComparison.Ordinal);
    }

    private static TestServiceFactory Configure(Dictionary<string, string> settings)
    {
        var factory = new TestServiceFactory();
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        return factory;
    }

    private static async Task<HttpResponseMessage> SendAsync(TestServiceFactory factory, HttpRequestMessage request)
    {
        using var client = factory.CreateClient();
        using (request)
        {
            return await client.SendAsync(request);
        }
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, new Uri("/probe/health", UriKind.Relative));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        return request;
    }

    private static HttpRequestMessage Actual(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/probe/health", UriKind.Relative));
        request.Headers.Add("Origin", origin);
        return request;
    }
}
