using System.Net;
using SecureApi.Monitoring;

namespace SecureApi.IntegrationTests.Detection;

/// <summary>An endpoint answering many times its own baseline raises one alert (and blocks no one).</summary>
public sealed class TrafficSpikeTests
{
    [Fact]
    public async Task ABurstOnOneEndpointAgainstItsQuietBaselineRaisesOneAlert()
    {
        var events = new RecordedEvents();
        var sink = new RecordingSink();
        await using var factory = Attack.Factory(events, sink,
            ("SecureApi:Detection:TrafficSpike:Threshold", "5"),
            ("SecureApi:Detection:TrafficSpike:WindowSeconds", "2"),
            ("SecureApi:Detection:TrafficSpike:Multiplier", "3"));
        using var client = Attack.Start(factory);
        using var alice = new HttpClient { BaseAddress = client.BaseAddress };
        alice.DefaultRequestHeaders.Add("X-Test-Subject", "alice");

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/widgets")).StatusCode); // the baseline: one request in a window
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/widgets")).StatusCode);
        }

        await Attack.UntilAsync(() => sink.Alerts.Length > 0);

        var alert = Assert.Single(sink.Alerts);
        Assert.Equal(("TrafficSpike", "endpoint", "WidgetsApi.List", "alert"), (alert.Detector, alert.OffenderKind, alert.Offender, alert.Response));
        Assert.Empty(events.Of(SecurityEventKind.Blocked));
    }
}
