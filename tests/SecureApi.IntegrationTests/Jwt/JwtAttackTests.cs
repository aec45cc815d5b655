using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>
/// Forged, altered, misdirected and misused tokens against a service that trusts one RSA key. Each is a 401 and the
/// widget it tried to create is not stored; the positive controls show the same request with a good token succeeds.
/// </summary>
public sealed class JwtAttackTests(JwtService service) : IClassFixture<JwtService>
{
    private RSA Key => service.Key;

    [Fact]
    public async Task AGoodTokenCreatesAsItsSubject()
    {
        var name = Name();

        var (status, stored) = await service.CreateAsync(service.Token("alice"), name);

        Assert.Equal((HttpStatusCode.Created, true), (status, stored));
    }

    [Fact]
    public async Task AGoodTokenIsTheCallerItNames()
    {
        using var response = await service.MeAsync(service.Token("alice"));

        Assert.Equal("""{"subject":"alice","tenant":"acme"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("nOnE")]
    public Task AnUnsignedTokenIsRefused(string alg) =>
        AssertRefusedAsync(TestTokens.Encode(TestTokens.Header(alg, JwtService.KeyId), TestTokens.Claims(), sign: null));

    [Theory]
    [InlineData("none")]
    [InlineData("nOnE")]
    public Task AnAlgNoneTokenWithAGoodSignatureAttachedIsRefused(string alg)
    {
        var good = service.Token().Split('.');
        var header = TestTokens.Base64Url(Encoding.UTF8.GetBytes(TestTokens.Header(alg, JwtService.KeyId).ToJsonString()));
        return AssertRefusedAsync($"{header}.{good[1]}.{good[2]}");
    }

    [Fact]
    public Task ATamperedPayloadIsRefused()
    {
        var parts = service.Token("alice").Split('.');
        var payload = TestTokens.Claims("bob");
        return AssertRefusedAsync($"{parts[0]}.{TestTokens.Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}");
    }

    [Fact]
    public Task AStrippedSignatureIsRefused()
    {
        var parts = service.Token().Split('.');
        return AssertRefusedAsync($"{parts[0]}.{parts[1]}.");
    }

    [Fact]
    public Task ATokenSignedWithAnotherKeyIsRefused()
    {
        using var other = RSA.Create(2048);
        return AssertRefusedAsync(TestTokens.Rs256(other, TestTokens.Claims(), JwtService.KeyId));
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("der")]
    public Task AnHs256TokenKeyedWithTheRsaPublicKeyIsRefused(string encoding)
    {
        var secret = encoding == "pem" ? Encoding.UTF8.GetBytes(Key.ExportSubjectPublicKeyInfoPem()) : Key.ExportSubjectPublicKeyInfo();
        return AssertRefusedAsync(TestTokens.Encode(TestTokens.Header("HS256", JwtService.KeyId), TestTokens.Claims(), TestTokens.Hmac256(secret)));
    }

    [Fact]
    public Task ATokenExpiredBeyondTheClockSkewIsRefused()
    {
        var claims = TestTokens.Claims(now: DateTimeOffset.UtcNow.AddMinutes(-40));
        claims["exp"] = DateTimeOffset.UtcNow.AddSeconds(-60).ToUnixTimeSeconds();
        return AssertRefusedAsync(TestTokens.Rs256(Key, claims, JwtService.KeyId));
    }

    [Fact]
    public Task ATokenNotYetValidIsRefused()
    {
        var claims = TestTokens.Claims();
        claims["nbf"] = DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeSeconds();
        return AssertRefusedAsync(TestTokens.Rs256(Key, claims, JwtService.KeyId));
    }

    [Fact]
    public Task ATokenWithoutExpIsRefused()
    {
        var claims = TestTokens.Claims();
        claims.Remove("exp");
        return AssertRefusedAsync(TestTokens.Rs256(Key, claims, JwtService.KeyId));
    }

    [Fact]
    public Task ATokenThatExpiresLaterThanTheMaximumLifetimeIsRefused()
    {
        var claims = TestTokens.Claims();
        claims["exp"] = DateTimeOffset.UtcNow.AddHours(2).ToUnixTimeSeconds();
        return AssertRefusedAsync(TestTokens.Rs256(Key, claims, JwtService.KeyId));
    }

    [Fact]
    public Task ATokenIssuedForLongerThanTheMaximumLifetimeIsRefused()
    {
        // Still valid for ten minutes, but minted to live 2 h 10 min.
        var claims = TestTokens.Claims(now: DateTimeOffset.UtcNow.AddHours(-2));
        claims["exp"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        return AssertRefusedAsync(TestTokens.Rs256(Key, claims, JwtService.KeyId));
    }

    [Theory]
    [InlineData("iss", "https://evil.test")]
    [InlineData("iss", null)]
    [InlineData("aud", "another-service")]
    [InlineData("aud", null)]
    public Task ATokenForAnotherIssuerOrAudienceIsRefused(string claim, string? value)
    {
        var claims = TestTokens.Claims();
        claims.Remove(claim);
        if (value is not null)
        {
            claims[claim] = value;
        }

        return AssertRefusedAsync(TestTokens.Rs256(Key, claims, JwtService.KeyId));
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData(null)]
    [InlineData("id_token+jwt")]
    public Task ATokenWhoseTypIsNotAnAccessTokenTypeIsRefused(string? typ)
    {
        return AssertRefusedAsync(TestTokens.Encode(TestTokens.Header("RS256", JwtService.KeyId, typ), TestTokens.Claims(), TestTokens.Rsa(Key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
    }

    [Fact]
    public Task AnIdTokenIsRefused()
    {
        var claims = TestTokens.Claims();
        claims["nonce"] = "n-0S6_WzA2Mj";
        return AssertRefusedAsync(TestTokens.Rs256(Key, claims, JwtService.KeyId, typ: "JWT"));
    }

    [Fact]
    public Task ARefreshTokenIsRefused()
    {
        var claims = TestTokens.Claims();
        claims["typ"] = "Refresh";
        return AssertRefusedAsync(TestTokens.Rs256(Key, claims, JwtService.KeyId, typ: "JWT"));
    }

    [Fact]
    public async Task AGoodTokenInTheQueryStringIsNotACredential()
    {
        var name = Name();
        using var client = service.Client(bearer: null);

        using var response = await client.PostAsync("/widgets?access_token=" + service.Token(), TestServiceFactory.Json($$"""{"name":"{{name}}","quantity":1,"kind":"gear"}"""));

        Assert.Equal((HttpStatusCode.Unauthorized, false), (response.StatusCode, Stored(name)));
    }

    [Theory]
    [InlineData("access_token")]
    [InlineData("Authorization")]
    [InlineData(".AspNetCore.Token")]
    public async Task AGoodTokenInACookieIsNotACredential(string cookie)
    {
        var name = Name();
        using var client = service.Client(bearer: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/widgets")
        {
            Content = TestServiceFactory.Json($$"""{"name":"{{name}}","quantity":1,"kind":"gear"}"""),
        };
        request.Headers.Add("Cookie", $"{cookie}={service.Token()}");

        using var response = await client.SendAsync(request);

        Assert.Equal((HttpStatusCode.Unauthorized, false), (response.StatusCode, Stored(name)));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("../../../../../../dev/null")]
    [InlineData("' OR 1=1 --")]
    [InlineData("x' UNION SELECT 'secret' AS key --")]
    public async Task AKidThatIsAPathOrSqlLoadsNothing(string kid)
    {
        // Signed as an attacker would if the kid were used to find the key: HMAC with an empty key (/dev/null), with
        // the file the path names, and RS256 with the attacker's own key.
        using var attacker = RSA.Create(2048);
        var file = File.Exists("/etc/passwd") ? await File.ReadAllBytesAsync("/etc/passwd") : [];
        string[] tokens =
        [
            TestTokens.Encode(TestTokens.Header("HS256", kid), TestTokens.Claims(), TestTokens.Hmac256([])),
            TestTokens.Encode(TestTokens.Header("HS256", kid), TestTokens.Claims(), TestTokens.Hmac256(file)),
            TestTokens.Encode(TestTokens.Header("HS256", kid), TestTokens.Claims(), TestTokens.Hmac256(Encoding.UTF8.GetBytes("secret"))),
            TestTokens.Rs256(attacker, TestTokens.Claims(), kid),
        ];

        var outcomes = new List<(HttpStatusCode, bool)>();
        foreach (var token in tokens)
        {
            outcomes.Add(await service.CreateAsync(token, Name()));
        }

        Assert.All(outcomes, outcome => Assert.Equal((HttpStatusCode.Unauthorized, false), outcome));
    }

    [Fact]
    public Task AGoodTokenWithoutSubIsRefused() =>
        AssertRefusedAsync(TestTokens.Rs256(Key, TestTokens.Claims(subject: null), JwtService.KeyId));

    [Fact]
    public Task AGoodTokenWithAnEmptySubIsRefused() =>
        AssertRefusedAsync(TestTokens.Rs256(Key, TestTokens.Claims(subject: " "), JwtService.KeyId));

    [Fact]
    public async Task AGoodTokenWithoutSubIsA401ProblemNotA500()
    {
        using var response = await service.MeAsync(TestTokens.Rs256(Key, TestTokens.Claims(subject: null), JwtService.KeyId));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    private async Task AssertRefusedAsync(string token)
    {
        var outcome = await service.CreateAsync(token, Name());

        Assert.Equal((HttpStatusCode.Unauthorized, false), outcome);
    }

    private bool Stored(string name) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SecureApi.TestService.WidgetRepository>(service.Factory.Services)
            .List(null, 0, 1000).Any(w => w.Name == name);

    private static string Name() => "w-" + Guid.NewGuid().ToString("N")[..12];
}
