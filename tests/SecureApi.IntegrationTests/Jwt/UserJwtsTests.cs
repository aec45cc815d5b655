using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>
/// <c>dotnet user-jwts</c> in Development: the settings it writes (<c>Authentication:Schemes:Bearer</c>) are enough,
/// its <c>typ: JWT</c> tokens are accepted, every other rule still applies — and outside Development the same settings
/// are ignored. The tokens have the shape user-jwts mints (HS256, no <c>kid</c>, <c>scope</c> array, <c>role</c>).
/// </summary>
public sealed class UserJwtsTests
{
    private const string Issuer = "dotnet-user-jwts";
    private const string Audience = "http://127.0.0.1:5080";
    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public async Task AUserJwtsTokenIsACallerInDevelopment()
    {
        await using var factory = Service("Development");

        var me = await Client(factory, UserJwt()).GetStringAsync("/widgets/me");

        Assert.Equal("""{"subject":"alice","tenant":"acme"}""", me);
    }

    [Fact]
    public async Task AUserJwtsTokenIsNotACallerOutsideDevelopment()
    {
        await using var factory = Service("Production");

        using var response = await Client(factory, UserJwt()).GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AUserJwtsTokenValidForItsDefaultThreeMonthsIsRefused()
    {
        await using var factory = Service("Development");

        using var response = await Client(factory, UserJwt(claims => claims["exp"] = DateTimeOffset.UtcNow.AddDays(90).ToUnixTimeSeconds())).GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AUserJwtsActClaimIsAStringAndTheTokenIsNotACaller()
    {
        await using var factory = Service("Development");

        // --claim 'act={"sub":"agent-7"}' mints "act": "{\"sub\":\"agent-7\"}", not the JSON object RFC 8693 defines.
        using var response = await Client(factory, UserJwt(claims => claims["act"] = """{"sub":"agent-7"}""")).GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnIdTokenIsRefusedInDevelopmentToo()
    {
        await using var factory = Service("Development");

        using var response = await Client(factory, UserJwt(claims => claims["nonce"] = "n-0S6_WzA2Mj")).GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AKeyUserJwtsMadeForAnotherIssuerIsNotTrusted()
    {
        await using var factory = Service("Development");
        factory.Settings["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = "someone-else";

        using var response = await Client(factory, UserJwt()).GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>What user-jwts writes: issuer and audiences in appsettings.Development.json, the key in user secrets.</summary>
    private static TestServiceFactory Service(string environment)
    {
        var factory = new TestServiceFactory { Environment = environment };
        factory.Settings["SecureApi:RequireHttps"] = "false";
        factory.Settings["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer;
        factory.Settings["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience;
        factory.Settings["Authentication:Schemes:Bearer:SigningKeys:0:Id"] = "fcd18fbb";
        factory.Settings["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer;
        factory.Settings["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(Secret);
        factory.Settings["Authentication:Schemes:Bearer:SigningKeys:0:Length"] = "32";
        return factory;
    }

    private static HttpClient Client(TestServiceFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private static string UserJwt(Action<JsonObject>? change = null) => TestTokens.UserJwt(Secret, Audience, change);
}
