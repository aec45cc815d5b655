using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureApi.Authentication;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>
/// The validated-token cache through the real pipeline: it answers only while a fresh validation would succeed.
/// The scheme's clock is a <see cref="TestClock"/> and the clock skew is 0, so "after exp" is exact.
/// </summary>
public sealed class ValidatedTokenCacheTests
{
    [Fact]
    public async Task ACachedTokenIsRefusedOnceItsExpHasPassed()
    {
        await using var service = new CachedJwt();
        var claims = TestTokens.Claims(now: service.Clock.Now);
        var expires = service.Clock.Now.AddMinutes(2); // inside the cache's 5-minute cap: only exp ends the entry
        claims["exp"] = expires.ToUnixTimeSeconds();
        var token = TestTokens.Rs256(service.Key, claims, JwtService.KeyId);
        using var before = await service.MeAsync(token);
        service.Clock.Now = expires.AddSeconds(1);

        using var after = await service.MeAsync(token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (before.StatusCode, after.StatusCode));
    }

    [Fact]
    public async Task ATokenPresentedAgainIsAnsweredFromTheCache()
    {
        await using var service = new CachedJwt();
        var token = service.TokenAtClock();
        (await service.MeAsync(token)).Dispose();

        using var again = await service.MeAsync(token);

        Assert.Equal((HttpStatusCode.OK, 1L), (again.StatusCode, service.Handler.Hits));
    }

    [Fact]
    public async Task ACachedTokenIsRefusedWhenTheClockIsSetBackBeforeItsNbf()
    {
        await using var service = new CachedJwt();
        var claims = TestTokens.Claims(now: service.Clock.Now);
        claims.Remove("iat"); // else the access-token rules refuse an iat in the future, hiding what the cache does
        var token = TestTokens.Rs256(service.Key, claims, JwtService.KeyId);
        using var before = await service.MeAsync(token);
        service.Clock.Now = service.Clock.Now.AddMinutes(-10);

        using var after = await service.MeAsync(token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (before.StatusCode, after.StatusCode));
    }

    [Fact]
    public async Task ATamperedCopyOfACachedTokenIsRefused()
    {
        await using var service = new CachedJwt();
        var token = service.TokenAtClock();
        (await service.MeAsync(token)).Dispose();
        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A'); // same header, payload and most of the signature

        using var response = await service.MeAsync(tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheAccessTokenRulesRunOnACachedToken()
    {
        // Signed and unexpired, so the handler's validation succeeds and is cached; the rules (no sub) refuse it each time.
        await using var service = new CachedJwt();
        var token = TestTokens.Rs256(service.Key, TestTokens.Claims(subject: null, now: service.Clock.Now), JwtService.KeyId);
        (await service.MeAsync(token)).Dispose();

        using var again = await service.MeAsync(token);

        Assert.Equal((HttpStatusCode.Unauthorized, 1L), (again.StatusCode, service.Handler.Hits));
    }

    [Fact]
    public async Task ACachedTokenSignedWithAKeyTheIssuerWithdrewIsRefused()
    {
        await using var issuer = await TestIssuer.StartAsync();
        issuer.Publish("k1");
        await using var service = OidcDiscoveryTests.Service(issuer, trustIssuer: true);
        var old = issuer.Token("k1");
        (await OidcDiscoveryTests.Send(service, old)).Dispose();
        var cached = (await OidcDiscoveryTests.Send(service, old)).StatusCode;
        issuer.Publish("k2");
        var replacement = await OidcDiscoveryTests.PollAsync(service, issuer.Token("k2"), until: HttpStatusCode.OK);

        using var withdrawn = await OidcDiscoveryTests.Send(service, old);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (cached, replacement, withdrawn.StatusCode));
    }

    [Fact]
    public async Task EnabledFalseTurnsTheCacheOff()
    {
        await using var service = new CachedJwt(enabled: false);

        var handler = service.Options.TokenHandlers.Single();

        Assert.IsNotType<CachingTokenHandler>(handler);
    }

    /// <summary>The JWT test service with a movable clock and no clock skew.</summary>
    private sealed class CachedJwt : JwtService
    {
        public CachedJwt(bool enabled = true)
            : this(new TestClock(), enabled)
        {
        }

        private CachedJwt(TestClock clock, bool enabled)
            : base(
                settings =>
                {
                    settings["SecureApi:Authentication:Jwt:ClockSkew"] = "00:00:00";
                    if (!enabled)
                    {
                        settings["SecureApi:Authentication:TokenCache:Enabled"] = "false";
                    }
                },
                services: services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options => options.TimeProvider = clock))
        {
            Clock = clock;
        }

        public TestClock Clock { get; }

        /// <summary>A good token issued at the test clock's now (the wall clock may have moved on to the next second).</summary>
        public string TokenAtClock() => TestTokens.Rs256(Key, TestTokens.Claims(now: Clock.Now), KeyId);

        public JwtBearerOptions Options =>
            Factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        public CachingTokenHandler Handler => (CachingTokenHandler)Options.TokenHandlers.Single();
    }
}
