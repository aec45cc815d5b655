using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Monitoring;

namespace SecureApi.IntegrationTests.Detection;

/// <summary>Records the security events of one host (synchronously, as they are raised).</summary>
internal sealed class RecordedEvents : ISecurityEventObserver
{
    private readonly ConcurrentQueue<SecurityEvent> _events = new();

    public void OnSecurityEvent(SecurityEvent securityEvent) => _events.Enqueue(securityEvent);

    public SecurityEvent[] Of(SecurityEventKind kind) => [.. _events.Where(e => e.Kind == kind)];
}

/// <summary>An alert sink that records what it is given; it fails its first <see cref="Failures"/> attempts.</summary>
internal sealed class RecordingSink : IAlertSink
{
    private readonly ConcurrentQueue<SecurityAlert> _alerts = new();
    private int _attempts;

    public int Failures { get; init; }

    public int Attempts => Volatile.Read(ref _attempts);

    public SecurityAlert[] Alerts => [.. _alerts];

    public ValueTask SendAsync(SecurityAlert alert, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _attempts) <= Failures)
        {
            throw new HttpRequestException("the alert receiver is down");
        }

        _alerts.Enqueue(alert);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Requests as an attacker or a crowd would send them: made-up keys, from addresses named in X-Forwarded-For.</summary>
internal static class Attack
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    /// <summary>Detection on, with the given settings, 127.0.0.1 trusted as a proxy (so X-Forwarded-For picks the client address).</summary>
    public static TestServiceFactory Factory(RecordedEvents events, IAlertSink sink, params (string Key, string Value)[] settings) =>
        Factory(events, sink, static _ => { }, settings);

    /// <summary>As above, with <paramref name="services"/> registered after SecureApi's (so they replace its own).</summary>
    public static TestServiceFactory Factory(RecordedEvents events, IAlertSink sink, Action<IServiceCollection> services, params (string Key, string Value)[] settings)
    {
        var factory = new TestServiceFactory
        {
            TestServices = collection =>
            {
                collection.AddSingleton<ISecurityEventObserver>(events);
                collection.AddSingleton(sink);
                services(collection);
            },
        };
        factory.Settings["SecureApi:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        factory.Settings["SecureApi:Detection:Enabled"] = "true";
        factory.Settings["SecureApi:Alerts:RetryDelayMilliseconds"] = "10";
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        return factory;
    }

    public static HttpClient Start(TestServiceFactory factory) => new() { BaseAddress = KestrelHost.StartHttp(factory) };

    /// <summary>A request with a made-up API key from <paramref name="from"/>.</summary>
    public static async Task<HttpStatusCode> GuessAsync(HttpClient client, string from, int attempt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/widgets", UriKind.Relative));
        request.Headers.Add("X-Api-Key", "guess-" + attempt.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Forwarded-For", from);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary><paramref name="count"/> made-up keys from one address; each is refused as unauthenticated.</summary>
    public static async Task StuffAsync(HttpClient client, string from, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await GuessAsync(client, from, i));
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, or the deadline passes.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition() && clock.Elapsed < Deadline)
        {
            await Task.Delay(25);
        }
    }

    public static Task UntilAsync(Func<bool> condition) => UntilAsync(() => Task.FromResult(condition()));
}
