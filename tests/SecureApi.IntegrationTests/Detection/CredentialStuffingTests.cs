using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.Monitoring;
using SecureApi.Monitoring.Detection;
using SecureApi.Testing;

namespace SecureApi.IntegrationTests.Detection;

/// <summary>
/// Credential stuffing through real Kestrel: made-up API keys from one address cross the detector's threshold, raise one
/// alert and block the address (403) on every instance sharing Redis; the same volume from many addresses raises none;
/// a block ends on its own; a response that fails after a count in Redis (which nothing awaits) is logged.
/// </summary>
public sealed class CredentialStuffingTests
{
    private const int Threshold = 10;

    [Fact]
    public async Task ABurstFromOneAddressRaisesOneAlertAndBlocksItOnBothInstances()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = "secureapi:test-" + Guid.NewGuid().ToString("N");
        RecordedEvents firstEvents = new(), secondEvents = new();
        RecordingSink firstSink = new(), secondSink = new();
        await using var first = Shared(Attack.Factory(firstEvents, firstSink, Stuffing()), redis, prefix);
        await using var second = Shared(Attack.Factory(secondEvents, secondSink, Stuffing()), redis, prefix);
        using var toFirst = Attack.Start(first);
        using var toSecond = Attack.Start(second);

        await Attack.StuffAsync(toFirst, "203.0.113.50", Threshold);
        await Attack.UntilAsync(async () => await Attack.GuessAsync(toSecond, "203.0.113.50", 0) == HttpStatusCode.Forbidden);
        await Attack.UntilAsync(() => firstSink.Alerts.Length + secondSink.Alerts.Length > 0);

        Assert.Equal(HttpStatusCode.Forbidden, await Attack.GuessAsync(toFirst, "203.0.113.50", 0));
        Assert.Equal(HttpStatusCode.Forbidden, await Attack.GuessAsync(toSecond, "203.0.113.50", 0));
        var anomaly = Assert.Single([.. firstEvents.Of(SecurityEventKind.AnomalyRaised), .. secondEvents.Of(SecurityEventKind.AnomalyRaised)]);
        Assert.Equal("203.0.113.50", anomaly.ClientIp);
        var alert = Assert.Single([.. firstSink.Alerts, .. secondSink.Alerts]);
        Assert.Equal(("CredentialStuffing", "ip", "203.0.113.50", "block"), (alert.Detector, alert.OffenderKind, alert.Offender, alert.Response));
        Assert.Single(firstEvents.Of(SecurityEventKind.Blocked));
    }

    [Fact]
    public async Task WithRedisDownTheBlockHoldsOnTheInstanceThatMadeIt()
    {
        await using var redis = await RedisServer.StartAsync();
        await redis.StopAsync(); // configured, but unreachable
        await using var factory = Shared(Attack.Factory(new RecordedEvents(), new RecordingSink(), Stuffing()), redis, "secureapi:test-" + Guid.NewGuid().ToString("N"));
        using var client = Attack.Start(factory);

        await Attack.StuffAsync(client, "203.0.113.55", Threshold);

        Assert.Equal(HttpStatusCode.Forbidden, await Attack.GuessAsync(client, "203.0.113.55", 0));
    }

    [Fact]
    public async Task AResponseThatFailsAfterASharedCountIsLogged()
    {
        await using var redis = await RedisServer.StartAsync();
        var logs = new CapturedLogs();
        await using var factory = Shared(
            Attack.Factory(new RecordedEvents(), new RecordingSink(), services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);
                services.AddSingleton<IAnomalyResponder, FailingResponder>();
            }, Stuffing()),
            redis,
            "secureapi:test-" + Guid.NewGuid().ToString("N"));
        using var client = Attack.Start(factory);

        await Attack.StuffAsync(client, "203.0.113.65", Threshold);
        await Attack.UntilAsync(() => logs.Entries.Any(e => e.EventId.Name == "SecurityEventObserverFailed"));

        var failure = Assert.Single(logs.Entries, e => e.EventId.Name == "SecurityEventObserverFailed");
        Assert.Equal(("CredentialStuffing", "AuthenticationFailed"), (failure.Values["Observer"], failure.Values["Kind"]?.ToString()));
        Assert.Equal(FailingResponder.Failure, failure.Exception?.Message);
    }

    [Fact]
    public async Task TheSameVolumeSpreadOverManyAddressesRaisesNone()
    {
        var events = new RecordedEvents();
        await using var factory = Attack.Factory(events, new RecordingSink(), Stuffing());
        using var client = Attack.Start(factory);

        for (var i = 0; i < Threshold * 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await Attack.GuessAsync(client, "198.51.100." + (i + 1).ToString(CultureInfo.InvariantCulture), i));
        }

        Assert.Equal(Threshold * 3, events.Of(SecurityEventKind.AuthenticationFailed).Length);
        Assert.Empty(events.Of(SecurityEventKind.AnomalyRaised));
    }

    [Fact]
    public async Task TheBlockExpiresOnItsOwnAndTheExpiryIsAnUnblockedEvent()
    {
        var events = new RecordedEvents();
        await using var factory = Attack.Factory(events, new RecordingSink(), [.. Stuffing(), ("SecureApi:Detection:CredentialStuffing:BlockSeconds", "1")]);
        using var client = Attack.Start(factory);
        await Attack.StuffAsync(client, "203.0.113.60", Threshold);
        Assert.Equal(HttpStatusCode.Forbidden, await Attack.GuessAsync(client, "203.0.113.60", 0));

        await Attack.UntilAsync(async () => await Attack.GuessAsync(client, "203.0.113.60", 0) != HttpStatusCode.Forbidden);
        await Attack.UntilAsync(() => events.Of(SecurityEventKind.Unblocked).Length > 0);

        Assert.Equal(HttpStatusCode.Unauthorized, await Attack.GuessAsync(client, "203.0.113.60", 0));
        Assert.Contains("ip 203.0.113.60 expired", Assert.Single(events.Of(SecurityEventKind.Unblocked)).Detail, StringComparison.Ordinal);
    }

    /// <summary>A response that throws, as a broken block list or alert queue would.</summary>
    private sealed class FailingResponder : IAnomalyResponder
    {
        public const string Failure = "the response failed";

        public void Respond(SecureApi.Monitoring.Detection.Detection detection, SecurityEvent? cause, Microsoft.AspNetCore.Http.HttpContext? context) =>
            throw new InvalidOperationException(Failure);
    }

    private static (string, string)[] Stuffing() => [("SecureApi:Detection:CredentialStuffing:Threshold", Threshold.ToString(CultureInfo.InvariantCulture))];

    private static TestServiceFactory Shared(TestServiceFactory factory, RedisServer redis, string prefix)
    {
        factory.Settings["SecureApi:RateLimiting:Redis:Configuration"] = redis.Configuration;
        factory.Settings["SecureApi:RateLimiting:Redis:KeyPrefix"] = prefix;
        return factory;
    }
}
