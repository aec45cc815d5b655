using System.Net;
using System.Security.Cryptography;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary><c>Algorithms: ["RS256"]</c>: a token the configured key signed with another algorithm is refused.</summary>
public sealed class AlgorithmAllowListTests(AlgorithmAllowListTests.Rs256Only service) : IClassFixture<AlgorithmAllowListTests.Rs256Only>
{
    [Fact]
    public async Task ATokenSignedWithAnAlgorithmOutsideTheListIsRefused()
    {
        var token = TestTokens.Encode(TestTokens.Header("PS256", JwtService.KeyId), TestTokens.Claims(), TestTokens.Rsa(service.Key, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));

        var outcome = await service.CreateAsync(token, "w-" + Guid.NewGuid().ToString("N")[..12]);

        Assert.Equal((HttpStatusCode.Unauthorized, false), outcome);
    }

    [Fact]
    public async Task ATokenSignedWithAListedAlgorithmIsAccepted()
    {
        using var response = await service.MeAsync(service.Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public sealed class Rs256Only() : JwtService(static settings => settings["SecureApi:Authentication:Jwt:Algorithms:0"] = "RS256");
}
