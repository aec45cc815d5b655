using System.Net;
using System.Security.Cryptography;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>A service that configures no JWT: API keys only, no Bearer challenge, and a bearer token is no credential.</summary>
public sealed class WithoutJwtTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    [Fact]
    public async Task TheChallengeNamesOnlyApiKeys()
    {
        using var response = await factory.CreateClient().GetAsync("/widgets/me");

        Assert.Equal(["ApiKey"], response.Headers.WwwAuthenticate.Select(h => h.ToString()));
    }

    [Fact]
    public async Task ABearerTokenIsNotACredential()
    {
        using var key = RSA.Create(2048); // a well-formed token; this service trusts no key
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Rs256(key, TestTokens.Claims(), JwtService.KeyId));

        using var response = await client.GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
