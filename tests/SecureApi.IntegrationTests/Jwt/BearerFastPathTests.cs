using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SecureApi.Authentication;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>
/// The default scheme answers a repeat bearer token from the validated-token cache without JwtBearer, with the ticket
/// JwtBearer makes, and never accepts what a fresh validation would refuse: every refusal still goes through JwtBearer,
/// with its challenge and security event.
/// </summary>
public sealed class BearerFastPathTests
{
    private const string Challenge = "Bearer, ApiKey";

    [Fact]
    public async Task ARepeatCallerIsAnsweredWithoutJwtBearer()
    {
        await using var service = new FastPathService();
        var token = service.TokenAtClock();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((await service.SendAsync(token)).Status);
        }

        Assert.Equal((20, 1, 1L, 19L), (statuses.Count(s => s == HttpStatusCode.OK), service.JwtBearerValidations, service.Handler.Validations, service.Handler.DirectHits));
    }

    [Fact]
    public async Task TheFastPathTicketIsTheOneJwtBearerMakes()
    {
        await using var service = new FastPathService();
        var token = service.TokenAtClock();
        await service.SendAsync(token);
        await service.SendAsync(token);

        var (validated, answered) = (Describe(service.Results.First()), Describe(service.Results.Last()));

        Assert.Equal((validated, 1L), (answered, service.Handler.DirectHits));
    }

    [Fact]
    public async Task ARepeatCallerWithATokenOfAnAuthorityIsAnsweredWithoutJwtBearer()
    {
        await using var issuer = await TestIssuer.StartAsync();
        issuer.Publish("k1");
        await using var service = OidcDiscoveryTests.Service(issuer, trustIssuer: true);
        var token = issuer.Token("k1");
        (await OidcDiscoveryTests.Send(service, token)).Dispose();

        using var again = await OidcDiscoveryTests.Send(service, token);

        var handler = (CachingTokenHandler)service.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>()
            .Get(JwtBearerDefaults.AuthenticationScheme).TokenHandlers.Single();
        Assert.Equal((HttpStatusCode.OK, 1L), (again.StatusCode, handler.DirectHits));
    }

    [Fact]
    public async Task ATokenExpiredSinceItWasCachedIsRefusedAsBefore()
    {
        await using var service = new FastPathService();
        var claims = TestTokens.Claims(now: service.Clock.Now);
        var expires = service.Clock.Now.AddMinutes(2);
        claims["exp"] = expires.ToUnixTimeSeconds();
        var token = TestTokens.Rs256(service.Key, claims, JwtService.KeyId);
        await service.SendAsync(token);
        service.Clock.Now = expires.AddSeconds(1);

        var refused = await service.SendAsync(token);

        Assert.Equal((HttpStatusCode.Unauthorized, Challenge, "expired", 0L), (refused.Status, refused.Challenge, Assert.Single(service.AuthenticationFailures), service.Handler.DirectHits));
    }

    [Fact]
    public async Task ATokenWhoseKeyWasRemovedIsRefusedAsBefore()
    {
        await using var service = new FastPathService();
        var token = service.TokenAtClock();
        await service.SendAsync(token);
        using var other = RSA.Create(2048);
        service.Options.TokenValidationParameters.IssuerSigningKeys = [new RsaSecurityKey(other.ExportParameters(false)) { KeyId = "rsa-2" }];

        var refused = await service.SendAsync(token);

        Assert.Equal((HttpStatusCode.Unauthorized, Challenge, "unknown-signing-key", 0L), (refused.Status, refused.Challenge, Assert.Single(service.AuthenticationFailures), service.Handler.DirectHits));
    }

    [Fact]
    public async Task ATokenFromAnIssuerNoLongerAcceptedIsRefusedAsBefore()
    {
        await using var service = new FastPathService();
        var token = service.TokenAtClock();
        await service.SendAsync(token);
        service.Options.TokenValidationParameters.ValidIssuers = ["https://another-issuer.example"];

        var refused = await service.SendAsync(token);

        Assert.Equal((HttpStatusCode.Unauthorized, Challenge, "invalid-issuer", 0L), (refused.Status, refused.Challenge, Assert.Single(service.AuthenticationFailures), service.Handler.DirectHits));
    }

    [Fact]
    public async Task ATokenThatNowBreaksAnAccessTokenRuleIsRefusedAsBefore()
    {
        // No nbf, so setting the clock back leaves the cached entry valid; its iat is then in the future, which a rule refuses.
        await using var service = new FastPathService();
        var claims = TestTokens.Claims(now: service.Clock.Now);
        claims.Remove("nbf");
        var token = TestTokens.Rs256(service.Key, claims, JwtService.KeyId);
        await service.SendAsync(token);
        service.Clock.Now = service.Clock.Now.AddMinutes(-1);

        var refused = await service.SendAsync(token);

        Assert.Equal((HttpStatusCode.Unauthorized, Challenge, "token-rule", 1L, 0L), (refused.Status, refused.Challenge, Assert.Single(service.AuthenticationFailures), service.Handler.Hits, service.Handler.DirectHits));
    }

    [Fact]
    public async Task WithTheCacheOffJwtBearerValidatesEveryRequest()
    {
        await using var service = new FastPathService(settings => settings["SecureApi:Authentication:TokenCache:Enabled"] = "false");
        var token = service.TokenAtClock();

        for (var i = 0; i < 3; i++)
        {
            await service.SendAsync(token);
        }

        Assert.Equal(3, service.JwtBearerValidations);
    }

    [Fact]
    public async Task AnApplicationsOwnMessageReceivedEventTurnsTheFastPathOff()
    {
        var received = 0;
        await using var service = new FastPathService(services: services => services.PostConfigure<JwtBearerOptions>(
            JwtBearerDefaults.AuthenticationScheme, options => options.Events.OnMessageReceived = _ =>
            {
                Interlocked.Increment(ref received);
                return Task.CompletedTask;
            }));
        var token = service.TokenAtClock();

        for (var i = 0; i < 3; i++)
        {
            await service.SendAsync(token);
        }

        Assert.Equal((3, 2L, 0L), (received, service.Handler.Hits, service.Handler.DirectHits));
    }

    /// <summary>Everything a reader of the ticket can see, as text.</summary>
    private static string Describe(AuthenticateResult? result)
    {
        var ticket = result?.Ticket ?? throw new InvalidOperationException("No one was authenticated.");
        var identity = (ClaimsIdentity)ticket.Principal.Identity!;
        var claims = string.Join(";", identity.Claims.Select(static c => $"{c.Type}={c.Value}|{c.Issuer}|{c.ValueType}"));
        var items = string.Join(";", ticket.Properties.Items.Select(static i => $"{i.Key}={i.Value}"));
        return $"{ticket.AuthenticationScheme} {ticket.Properties.ExpiresUtc:O} {ticket.Properties.IssuedUtc:O} [{items}] " +
            $"{identity.AuthenticationType} {identity.Name} {identity.IsAuthenticated} {identity is CaseSensitiveClaimsIdentity} " +
            $"{identity.NameClaimType} {identity.RoleClaimType} {ticket.Principal.Identities.Count()} [{claims}]";
    }
}
