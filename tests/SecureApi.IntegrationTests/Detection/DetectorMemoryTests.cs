using System.Globalization;
using SecureApi.Monitoring;
using SecureApi.Monitoring.Detection;

namespace SecureApi.IntegrationTests.Detection;

/// <summary>
/// The bound on the detectors' memory: an attacker rotating through 100,000 addresses never makes a detector track more
/// than its capacity, and a real attacker hidden among them is still detected (he keeps coming back, so the
/// least-recently-seen eviction never reaches him).
/// </summary>
public sealed class DetectorMemoryTests
{
    private const int Capacity = 1000;

    [Fact]
    public void A100000DistinctAddressesNeverGrowTheTableBeyondItsCapacityAndTheAttackerIsStillCaught()
    {
        var responder = new Detections();
        var detector = new WindowDetector(
            "CredentialStuffing", SecurityEventKind.AuthenticationFailed, perAddressOnly: true, distinctIds: false,
            new DetectorOptions { Threshold = 20, WindowSeconds = 3600 }, Capacity, TimeProvider.System, responder);
        var largest = 0;

        for (var i = 0; i < 100_000; i++)
        {
            detector.OnSecurityEvent(Failure(Address(i)));
            if (i % 100 == 0)
            {
                detector.OnSecurityEvent(Failure("203.0.113.66"));
            }

            largest = Math.Max(largest, detector.Table.Count);
        }

        Assert.Equal(Capacity, largest);
        var caught = Assert.Single(responder.Seen);
        Assert.Equal(("ip", "203.0.113.66"), (caught.OffenderKind, caught.Offender));
    }

    [Fact]
    public void DistinctIdsPerCallerAreRememberedUpToTheThresholdOnly()
    {
        var responder = new Detections();
        var detector = new WindowDetector(
            "Enumeration", SecurityEventKind.NotFoundOrNotYours, perAddressOnly: false, distinctIds: true,
            new DetectorOptions { Threshold = 20, WindowSeconds = 3600 }, Capacity, TimeProvider.System, responder);

        for (var i = 0; i < 100_000; i++)
        {
            detector.OnSecurityEvent(Failure("198.51.100.1") with { Kind = SecurityEventKind.NotFoundOrNotYours, Caller = "mallory", Detail = "id=" + i.ToString(CultureInfo.InvariantCulture) });
        }

        Assert.Equal(1, detector.Table.Count);
        Assert.Equal(("caller", "mallory"), (Assert.Single(responder.Seen).OffenderKind, responder.Seen[0].Offender));
    }

    private static string Address(int i) => string.Create(CultureInfo.InvariantCulture, $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}");

    private static SecurityEvent Failure(string address) =>
        new(SecurityEventKind.AuthenticationFailed, DateTimeOffset.UnixEpoch, "WidgetsApi.List", "anonymous", "anonymous", address, "trace", "unknown-key");

    private sealed class Detections : IAnomalyResponder
    {
        public List<Monitoring.Detection.Detection> Seen { get; } = [];

        public void Respond(Monitoring.Detection.Detection detection, SecurityEvent? cause, Microsoft.AspNetCore.Http.HttpContext? context) => Seen.Add(detection);
    }
}
