namespace SecureApi.Monitoring.Detection;

/// <summary>
/// <c>SecureApi:Detection</c>: the detectors and their safe defaults. Credential stuffing and enumeration block by
/// default (a burst of either has no innocent explanation); the others only alert, since a buggy client or a busy
/// day looks the same to them as an attack.
/// </summary>
internal sealed class DetectionOptions
{
    public const string SectionName = "SecureApi:Detection";

    /// <summary>Off switches every detector off (the test suites do, and turn them on where they test them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Offenders tracked per detector at most; the least recently seen is forgotten first.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>Refused credentials from one client address (AuthenticationFailed).</summary>
    public DetectorOptions CredentialStuffing { get; set; } = new() { Threshold = 20, Response = DetectorResponse.Block };

    /// <summary>Not-found-or-not-yours answers over distinct ids, per caller (per address when anonymous).</summary>
    public DetectorOptions Enumeration { get; set; } = new() { Threshold = 20, Response = DetectorResponse.Block };

    /// <summary>Validation failures per caller (per address when anonymous).</summary>
    public DetectorOptions Probing { get; set; } = new() { Threshold = 50 };

    /// <summary>Requests with unknown members or query parameters per caller (per address when anonymous).</summary>
    public DetectorOptions MassAssignment { get; set; } = new() { Threshold = 20 };

    /// <summary>Requests to one endpoint in a window, against its own recent baseline; never blocks (no one offender).</summary>
    public TrafficSpikeOptions TrafficSpike { get; set; } = new() { Threshold = 1000 };
}

/// <summary>A traffic spike: at least Threshold requests in a window and <see cref="Multiplier"/> times the endpoint's baseline.</summary>
internal sealed class TrafficSpikeOptions
{
    public bool Enabled { get; set; } = true;

    public int Threshold { get; set; }

    public int WindowSeconds { get; set; } = 60;

    public double Multiplier { get; set; } = 10;

    public TimeSpan Window => TimeSpan.FromSeconds(Math.Max(1, WindowSeconds));
}
