using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Monitoring;

namespace SecureApi.IntegrationTests.OutputFiltering;

/// <summary>
/// A <c>[FilterOutput]</c> endpoint of the test service over HTTP: every string of its JSON answer is filtered (numbers
/// and structure untouched), a refused kind answers 403 ProblemDetails without the value, the policy comes from
/// <c>SecureApi:OutputFilter</c>, and what was found is counted on the meter and raised as one event naming kinds, not values.
/// </summary>
public sealed class OutputFilterHttpTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    private const string Planted = "Ask jane.doe@example.com or pay 4111 1111 1111 1111.\nLine two: +44 20 7946 0958";

    [Fact]
    public async Task AFilteredEndpointRedactsEveryStringOfItsAnswer()
    {
        using var client = factory.ClientFor("alice");

        var response = await client.PostAsync("/output/filtered", TestServiceFactory.Json(JsonSerializer.Serialize(new { text = Planted })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Ask [redacted:email] or pay [redacted:card].\nLine two: [redacted:phone]", json.RootElement.GetProperty("text").GetString());
        Assert.Equal(["Ask [redacted:email] or pay [redacted:card].", "Line two: [redacted:phone]"], json.RootElement.GetProperty("lines").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Planted.Length, json.RootElement.GetProperty("length").GetInt32());
    }

    [Fact]
    public async Task AnEndpointWithoutTheAttributeIsLeftAlone()
    {
        using var client = factory.ClientFor("alice");

        var response = await client.PostAsync("/output/plain", TestServiceFactory.Json(JsonSerializer.Serialize(new { text = Planted })));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Planted, json.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task AKindTheConfigurationRefusesWithholdsTheWholeAnswer()
    {
        await using var app = Host(new() { ["SecureApi:OutputFilter:Kinds:card"] = "Refuse" }, out _);
        using var client = Client(app);

        var response = await client.PostAsync("/output/filtered", TestServiceFactory.Json(JsonSerializer.Serialize(new { text = Planted })));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("The response was withheld.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", body, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatWasFoundIsCountedAndRaisedAsOneEventWithKindsAndCountsOnly()
    {
        await using var app = Host([], out var seen);
        using var client = Client(app);

        await client.PostAsync("/output/filtered", TestServiceFactory.Json(JsonSerializer.Serialize(new { text = Planted })));

        var filtered = Assert.Single(seen.Events, e => e.Kind == SecurityEventKind.OutputFiltered);
        Assert.Equal("card=2 email=2 phone=2", filtered.Detail); // text and lines each carry one of each
        Assert.Equal("OutputApi.Filtered", filtered.Endpoint);
        Assert.Equal("alice", filtered.Caller);
        Assert.Equal(
            [("card", 2L), ("email", 2L), ("phone", 2L)],
            seen.Measurements.Where(m => m.Instrument == "secureapi.output.filtered").GroupBy(m => m.Kind).Select(g => (g.Key, g.Sum(m => m.Value))).OrderBy(k => k.Key));
    }

    private WebApplicationFactory<Program> Host(Dictionary<string, string?> settings, out Seen seen)
    {
        var recorder = new Seen();
        seen = recorder;
        var app = factory.WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
            builder.ConfigureTestServices(services => services.AddSingleton<ISecurityEventObserver>(recorder));
        });
        recorder.Listen(app.Services.GetRequiredService<IMeterFactory>());
        return app;
    }

    private static HttpClient Client(WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-Subject", "alice");
        return client;
    }

    /// <summary>The events and the output-filter measurements of one host.</summary>
    private sealed class Seen : ISecurityEventObserver, IDisposable
    {
        private readonly MeterListener _listener = new();

        public ConcurrentQueue<SecurityEvent> Events { get; } = new();

        public ConcurrentQueue<(string Instrument, string Kind, long Value)> Measurements { get; } = new();

        public void OnSecurityEvent(SecurityEvent securityEvent) => Events.Enqueue(securityEvent);

        public void Listen(IMeterFactory meterFactory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SecureApiMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                var kind = "";
                foreach (var tag in tags)
                {
                    if (tag.Key == "secureapi.output.kind")
                    {
                        kind = (string)tag.Value!;
                    }
                }

                Measurements.Enqueue((instrument.Name, kind, value));
            });
            _listener.Start();
        }

        public void Dispose() => _listener.Dispose();
    }
}
