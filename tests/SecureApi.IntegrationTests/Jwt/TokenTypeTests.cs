using System.Net;
using System.Text.Json.Nodes;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>
/// A provider that does not set <c>typ: at+jwt</c> (<c>TokenTypes: ["JWT"]</c>): its ID and refresh tokens carry the
/// same <c>typ</c> as its access tokens, so they are told apart by their claims and refused as access tokens.
/// </summary>
public sealed class TokenTypeTests(TokenTypeTests.JwtTyped service) : IClassFixture<TokenTypeTests.JwtTyped>
{
    [Fact]
    public async Task AnAccessTokenOfTheConfiguredTypeIsAccepted()
    {
        using var response = await service.MeAsync(TestTokens.Rs256(service.Key, TestTokens.Claims(), JwtService.KeyId, typ: "JWT"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnAtJwtTokenIsRefusedWhenOnlyJwtIsListed()
    {
        var outcome = await service.CreateAsync(TestTokens.Rs256(service.Key, TestTokens.Claims(), JwtService.KeyId, typ: "at+jwt"), Name());

        Assert.Equal((HttpStatusCode.Unauthorized, false), outcome);
    }

    [Theory]
    [InlineData("nonce", "n-0S6_WzA2Mj")]
    [InlineData("at_hash", "77QmUPtjPfzWtF2AnpK9RQ")]
    [InlineData("c_hash", "LDktKdoQak3Pk0cnXxCltA")]
    public Task AnIdTokenIsRefused(string claim, string value) => AssertRefusedAsync(claims => claims[claim] = value);

    [Theory]
    [InlineData("typ", "Refresh")]
    [InlineData("typ", "Offline")]
    [InlineData("typ", "ID")]
    [InlineData("token_use", "id")]
    [InlineData("token_use", "refresh")]
    public Task ARefreshOrIdTokenMarkedInItsPayloadIsRefused(string claim, string value) => AssertRefusedAsync(claims => claims[claim] = value);

    [Fact]
    public async Task AnAccessTokenMarkedAsSuchInItsPayloadIsAccepted()
    {
        var claims = TestTokens.Claims();
        claims["typ"] = "Bearer";
        claims["token_use"] = "access";

        using var response = await service.MeAsync(TestTokens.Rs256(service.Key, claims, JwtService.KeyId, typ: "JWT"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task AssertRefusedAsync(Action<JsonObject> change)
    {
        var claims = TestTokens.Claims();
        change(claims);

        var outcome = await service.CreateAsync(TestTokens.Rs256(service.Key, claims, JwtService.KeyId, typ: "JWT"), Name());

        Assert.Equal((HttpStatusCode.Unauthorized, false), outcome);
    }

    private static string Name() => "w-" + Guid.NewGuid().ToString("N")[..12];

    public sealed class JwtTyped() : JwtService(static settings => settings["SecureApi:Authentication:Jwt:TokenTypes:0"] = "JWT");
}
