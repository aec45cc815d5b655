using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>
/// JWT and API keys side by side: the credential a request carries picks the scheme; a 401 names every configured
/// scheme and nothing about which check failed; a caller who is known but not allowed gets 403.
/// </summary>
public sealed class SchemeSelectionTests(SchemeSelectionTests.JwtAndKeys service) : IClassFixture<SchemeSelectionTests.JwtAndKeys>
{
    private const string ApiKey = "test-key-for-kim";

    [Fact]
    public async Task ARequestWithoutCredentialsIsChallengedForBothSchemes()
    {
        using var response = await service.MeAsync(bearer: null);

        Assert.Equal(["Bearer", "ApiKey"], response.Headers.WwwAuthenticate.Select(h => h.ToString()));
    }

    [Fact]
    public async Task ARefusedTokenIsChallengedWithoutSayingWhy()
    {
        using var other = RSA.Create(2048);

        using var response = await service.MeAsync(TestTokens.Rs256(other, TestTokens.Claims(), JwtService.KeyId));

        Assert.Equal(["Bearer", "ApiKey"], response.Headers.WwwAuthenticate.Select(h => h.ToString()));
    }

    [Fact]
    public async Task ARefusedTokenIsA401Problem()
    {
        using var response = await service.MeAsync(TestTokens.Rs256(service.Key, TestTokens.Claims(), "unknown-kid") + "x");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("X-Api-Key", ApiKey)]
    [InlineData("Authorization", "ApiKey " + ApiKey)]
    public async Task AnApiKeyStillAuthenticatesBesideJwt(string header, string value)
    {
        using var client = service.Client(bearer: null);
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);

        var me = await client.GetStringAsync("/widgets/me");

        Assert.Equal("""{"subject":"kim","tenant":null}""", me);
    }

    [Fact]
    public async Task ABearerTokenAndAnApiKeyTogetherAreNotACaller()
    {
        using var client = service.Client(service.Token());
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        using var response = await client.GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnAuthenticatedCallerWithoutTheRoleIsForbidden()
    {
        using var client = service.Client(service.Token());

        using var response = await client.GetAsync("/widgets/admin");

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ATokenRoleClaimGrantsTheRole()
    {
        var claims = TestTokens.Claims("ada");
        claims["role"] = "admin";
        using var client = service.Client(TestTokens.Rs256(service.Key, claims, JwtService.KeyId));

        using var response = await client.GetAsync("/widgets/admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AForbiddenResponseCarriesNoChallenge()
    {
        using var client = service.Client(service.Token());

        using var response = await client.GetAsync("/widgets/admin");

        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    public sealed class JwtAndKeys() : JwtService(static settings =>
    {
        settings["SecureApi:Authentication:ApiKeys:Static:0:Subject"] = "kim";
        settings["SecureApi:Authentication:ApiKeys:Static:0:Sha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey)));
    });
}
