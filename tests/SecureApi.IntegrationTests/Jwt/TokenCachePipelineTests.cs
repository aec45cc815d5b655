using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureApi.Authentication;
using SecureApi.Monitoring.Blocks;
using SecureApi.Monitoring.Detection;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>
/// The validated-token cache (<c>SecureApi:Authentication:TokenCache</c>) on real Kestrel: what a repeat caller saves is
/// counted (full validations, hits, entries), never timed; and a hit never lets through a caller a fresh validation or
/// the pipeline after it would refuse.
/// </summary>
public sealed class TokenCachePipelineTests
{
    [Fact]
    public async Task TwentyRequestsWithOneTokenAreValidatedInFullOnce()
    {
        await using var service = new KestrelJwt();
        var token = service.TokenAtClock();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await service.MeAsync(token);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal((20, 1L, 19L), (statuses.Count(s => s == HttpStatusCode.OK), service.Handler.Validations, service.Handler.Hits));
    }

    [Fact]
    public async Task ACacheHitYieldsTheSameCallerAsTheFullValidation()
    {
        await using var service = new KestrelJwt();
        var claims = TestTokens.Claims(now: service.Clock.Now);
        claims["tenant"] = "acme";
        var token = TestTokens.Rs256(service.Key, claims, JwtService.KeyId);
        using var validated = await service.MeAsync(token);
        var first = await validated.Content.ReadAsStringAsync();

        using var hit = await service.MeAsync(token);

        Assert.Equal((first, 1L), (await hit.Content.ReadAsStringAsync(), service.Handler.Hits));
    }

    [Fact]
    public async Task ManyDistinctTokensNeverGrowTheCacheBeyondMaxEntries()
    {
        await using var service = new KestrelJwt(settings => settings["SecureApi:Authentication:TokenCache:MaxEntries"] = "8");

        var served = 0;
        for (var i = 0; i < 40; i++)
        {
            var token = TestTokens.Rs256(service.Key, TestTokens.Claims("caller-" + i, service.Clock.Now), JwtService.KeyId);
            using var response = await service.MeAsync(token);
            served += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.Equal((40, 8), (served, service.Handler.Cache.Count));
    }

    [Fact]
    public async Task ACachedTokenOfACallerBlockedSinceIsRefused()
    {
        await using var service = new KestrelJwt();
        var token = service.TokenAtClock();
        using var before = await service.MeAsync(token);
        await service.Factory.Services.GetRequiredService<BlockList>()
            .BlockAsync(BlockKinds.Caller, "alice", "test", TimeSpan.FromMinutes(5), cause: null, context: null);

        using var after = await service.MeAsync(token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden, 1L), (before.StatusCode, after.StatusCode, service.Handler.Hits));
    }

    [Fact]
    public async Task AnEntryIsValidatedAgainOnceTheConfiguredMaxLifetimeHasPassed()
    {
        await using var service = new KestrelJwt(settings => settings["SecureApi:Authentication:TokenCache:MaxLifetime"] = "00:00:10");
        var token = service.TokenAtClock();
        (await service.MeAsync(token)).Dispose();
        service.Clock.Now = service.Clock.Now.AddSeconds(11);

        using var later = await service.MeAsync(token);

        Assert.Equal((HttpStatusCode.OK, 2L, 0L), (later.StatusCode, service.Handler.Validations, service.Handler.Hits));
    }

    /// <summary>The JWT test service on Kestrel, with a movable clock and no clock skew.</summary>
    private sealed class KestrelJwt : JwtService
    {
        private readonly HttpClient _client;

        public KestrelJwt(Action<Dictionary<string, string>>? settings = null)
            : this(new TestClock(), settings)
        {
        }

        private KestrelJwt(TestClock clock, Action<Dictionary<string, string>>? settings)
            : base(
                values =>
                {
                    values["SecureApi:Authentication:Jwt:ClockSkew"] = "00:00:00";
                    settings?.Invoke(values);
                },
                services: services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options => options.TimeProvider = clock))
        {
            Clock = clock;
            _client = new HttpClient { BaseAddress = KestrelHost.StartHttp(Factory) };
        }

        public TestClock Clock { get; }

        public CachingTokenHandler Handler => (CachingTokenHandler)Factory.Services
            .GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).TokenHandlers.Single();

        public string TokenAtClock() => TestTokens.Rs256(Key, TestTokens.Claims(now: Clock.Now), KeyId);

        public new async Task<HttpResponseMessage> MeAsync(string bearer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/widgets/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            return await _client.SendAsync(request);
        }
    }
}
