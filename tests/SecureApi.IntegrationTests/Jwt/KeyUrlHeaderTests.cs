using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>
/// <c>jku</c>, <c>x5u</c> and <c>jwk</c> let a token name or carry the key that verifies it — the attacker's key.
/// They are never fetched or trusted: each token is a 401 and the listener they point at is never contacted.
/// </summary>
public sealed class KeyUrlHeaderTests(JwtService service) : IClassFixture<JwtService>
{
    [Theory]
    [InlineData("jku")]
    [InlineData("x5u")]
    [InlineData("jwk")]
    public async Task AKeyTheTokenPointsAtIsNeverFetchedOrTrusted(string header)
    {
        using var listener = new RecordingListener();
        using var attacker = RSA.Create(2048);
        var parameters = attacker.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["kid"] = "attacker",
            ["n"] = TestTokens.Base64Url(parameters.Modulus!),
            ["e"] = TestTokens.Base64Url(parameters.Exponent!),
            ["x5u"] = listener.Url("/cert.pem").ToString(),
        };
        var jwtHeader = TestTokens.Header("RS256", "attacker");
        jwtHeader[header] = header == "jwk" ? jwk : listener.Url("/keys.json").ToString();
        var token = TestTokens.Encode(jwtHeader, TestTokens.Claims(), TestTokens.Rsa(attacker, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        var (status, stored) = await service.CreateAsync(token, "w-" + Guid.NewGuid().ToString("N")[..12]);

        Assert.Equal((HttpStatusCode.Unauthorized, false, 0), (status, stored, listener.Connections));
    }

    [Fact]
    public async Task AGoodTokenThatAlsoNamesAKeyUrlIsJudgedByItsSignatureAlone()
    {
        // Control: the headers change nothing about a token the configured key signed, and still nothing is fetched.
        using var listener = new RecordingListener();
        var header = TestTokens.Header("RS256", JwtService.KeyId);
        header["jku"] = listener.Url("/keys.json").ToString();
        var token = TestTokens.Encode(header, TestTokens.Claims(), TestTokens.Rsa(service.Key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        using var response = await service.MeAsync(token);

        Assert.Equal((HttpStatusCode.OK, 0), (response.StatusCode, listener.Connections));
    }
}
