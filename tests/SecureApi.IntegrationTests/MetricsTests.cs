using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Monitoring;

namespace SecureApi.IntegrationTests;

/// <summary>
/// The <c>SecureApi</c> meter, seen through a <see cref="MeterListener"/> that listens to one host's instruments only
/// (the meter is made by that host's <see cref="IMeterFactory"/>), so hosts of tests running in parallel count apart.
/// </summary>
public sealed class MetricsTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    [Fact]
    public async Task ARequestIsCountedAndTimedWithItsRouteMethodAndStatus()
    {
        await using var host = Host();

        Assert.Equal(HttpStatusCode.OK, (await host.Client("alice").GetAsync("/widgets/me")).StatusCode);

        var request = Assert.Single(host.Measurements("secureapi.requests"));
        Assert.Equal(1.0, request.Value);
        Assert.Equal(("/widgets/me", "GET", 200), ((string?)request.Tags["http.route"], (string?)request.Tags["http.request.method"], (int?)request.Tags["http.response.status_code"]));
        var duration = Assert.Single(host.Measurements("secureapi.request.duration"));
        Assert.True(duration.Value > 0);
    }

    [Fact]
    public async Task ARefusedCredentialMovesTheAuthenticationFailuresAndTheEventsCounters()
    {
        await using var host = Host();
        var client = host.Client(subject: null);
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key");

        await client.GetAsync("/widgets/me");

        Assert.Equal(1, host.Sum("secureapi.authentication.failures"));
        var counted = Assert.Single(host.Measurements("secureapi.security.events"));
        Assert.Equal("AuthenticationFailed", counted.Tags["secureapi.event.name"]);
    }

    [Fact]
    public async Task ADenialMovesTheAuthorizationDenialsCounter()
    {
        await using var host = Host();

        await host.Client("alice").GetAsync("/widgets/admin");

        Assert.Equal(1, host.Sum("secureapi.authorization.denials"));
    }

    [Fact]
    public async Task AnInvalidBodyMovesTheValidationFailuresCounter()
    {
        await using var host = Host();

        await host.Client("alice").PostAsync("/widgets", TestServiceFactory.Json("""{"name":"z","quantity":3,"kind":"gear"}"""));

        Assert.Equal(1, host.Sum("secureapi.validation.failures"));
    }

    [Fact]
    public async Task ARateLimitRejectionMovesTheRejectionsCounter()
    {
        await using var host = Host(new() { ["SecureApi:RateLimitPermits"] = "1", ["SecureApi:RateLimitWindowSeconds"] = "60" });
        var alice = host.Client("alice");

        await alice.GetAsync("/limited");
        await alice.GetAsync("/limited");
        await alice.GetAsync("/limited");

        Assert.Equal(2, host.Sum("secureapi.ratelimit.rejections"));
    }

    [Fact]
    public async Task AnAnomalyIsCountedWhenReported()
    {
        await using var host = Host();

        host.Services.GetRequiredService<SecurityEvents>().Report(SecurityEventKind.AnomalyRaised, "test-detector");

        Assert.Equal(1, host.Sum("secureapi.anomalies"));
    }

    [Fact]
    public async Task TheActiveBlocksGaugeReadsItsHook()
    {
        await using var host = Host();
        var metrics = host.Services.GetRequiredService<SecureApiMetrics>();

        Assert.Equal(0, host.Observe("secureapi.blocks.active"));
        metrics.ObserveActiveBlocks(static () => 3);
        Assert.Equal(3, host.Observe("secureapi.blocks.active"));
    }

    private MeteredHost Host(Dictionary<string, string?>? settings = null)
    {
        var app = factory.WithWebHostBuilder(builder =>
        {
            if (settings is not null)
            {
                builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
            }
        });
        return new MeteredHost(app);
    }

    private sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    private sealed class MeteredHost : IAsyncDisposable
    {
        private readonly WebApplicationFactory<Program> _app;
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<Measurement> _measurements = new();

        public MeteredHost(WebApplicationFactory<Program> app)
        {
            _app = app;
            var meterFactory = app.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SecureApiMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.Start();
        }

        public IServiceProvider Services => _app.Services;

        public HttpClient Client(string? subject)
        {
            var client = _app.CreateClient();
            if (subject is not null)
            {
                client.DefaultRequestHeaders.Add("X-Test-Subject", subject);
            }

            return client;
        }

        public List<Measurement> Measurements(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

        public double Sum(string instrument) => Measurements(instrument).Sum(m => m.Value);

        /// <summary>Reads the observable instrument now; its latest value.</summary>
        public double Observe(string instrument)
        {
            _listener.RecordObservableInstruments();
            return Measurements(instrument).Last().Value;
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Dispose();
            await _app.DisposeAsync();
        }

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            _measurements.Enqueue(new Measurement(instrument.Name, value, copy));
        }
    }
}
