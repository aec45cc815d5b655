using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.Monitoring;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>A refused bearer token is one AuthenticationFailed event whose detail is the reason's category, never the token.</summary>
public sealed class JwtSecurityEventTests
{
    [Fact]
    public async Task AnExpiredTokenIsOneAuthenticationFailedSayingExpired()
    {
        await using var service = new LoggedJwtService();
        var claims = TestTokens.Claims(now: DateTimeOffset.UtcNow.AddMinutes(-40));
        claims["exp"] = DateTimeOffset.UtcNow.AddSeconds(-60).ToUnixTimeSeconds();
        var token = TestTokens.Rs256(service.Key, claims, JwtService.KeyId);

        Assert.Equal(HttpStatusCode.Unauthorized, (await service.MeAsync(token)).StatusCode);

        Assert.Equal("expired", service.SingleFailure().Values["Detail"]);
        service.AssertNothingLogged(token);
    }

    [Fact]
    public async Task ATokenSignedByAnotherKeyIsOneAuthenticationFailedSayingInvalidSignature()
    {
        await using var service = new LoggedJwtService();
        using var other = RSA.Create(2048);
        var token = TestTokens.Rs256(other, TestTokens.Claims(), JwtService.KeyId);

        Assert.Equal(HttpStatusCode.Unauthorized, (await service.MeAsync(token)).StatusCode);

        Assert.Equal("invalid-signature", service.SingleFailure().Values["Detail"]);
        service.AssertNothingLogged(token);
    }

    [Fact]
    public async Task ATokenOfTheWrongTypeIsOneAuthenticationFailedSayingInvalidType()
    {
        await using var service = new LoggedJwtService();
        var token = TestTokens.Rs256(service.Key, TestTokens.Claims(), JwtService.KeyId, typ: "JWT");

        Assert.Equal(HttpStatusCode.Unauthorized, (await service.MeAsync(token)).StatusCode);

        Assert.Equal("invalid-type", service.SingleFailure().Values["Detail"]);
    }

    [Fact]
    public async Task AGoodTokenRaisesNoEvent()
    {
        await using var service = new LoggedJwtService();

        Assert.Equal(HttpStatusCode.OK, (await service.MeAsync(service.Token())).StatusCode);

        Assert.DoesNotContain(service.Logs.Entries, e => e.EventId.Id is >= 2000 and <= 2011);
    }

    private sealed class LoggedJwtService : JwtService
    {
        public LoggedJwtService()
            : this(new CapturedLogs())
        {
        }

        private LoggedJwtService(CapturedLogs logs)
            : base(static _ => { }, services: services => services.AddSingleton<ILoggerProvider>(logs))
        {
            Logs = logs;
        }

        public CapturedLogs Logs { get; }

        public CapturedLog SingleFailure() =>
            Assert.Single(Logs.Entries, e => e.EventId.Id == (int)SecurityEventKind.AuthenticationFailed);

        public void AssertNothingLogged(string secret)
        {
            foreach (var entry in Logs.Entries)
            {
                Assert.DoesNotContain(secret, entry.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(entry.Values.Values, value => (Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "").Contains(secret, StringComparison.Ordinal));
            }
        }
    }
}
