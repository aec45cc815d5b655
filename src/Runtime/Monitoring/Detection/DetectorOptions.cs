namespace SecureApi.Monitoring.Detection;

/// <summary>
/// One detector's settings, <c>SecureApi:Detection:&lt;Detector&gt;</c>: it fires when an offender reaches
/// <see cref="Threshold"/> within a sliding <see cref="WindowSeconds"/>, and then alerts, or alerts and blocks the
/// offender for <see cref="BlockSeconds"/>.
/// </summary>
internal sealed class DetectorOptions
{
    public bool Enabled { get; set; } = true;

    public int Threshold { get; set; }

    public int WindowSeconds { get; set; } = 60;

    public DetectorResponse Response { get; set; } = DetectorResponse.Alert;

    public int BlockSeconds { get; set; } = 900;

    public TimeSpan Window => TimeSpan.FromSeconds(Math.Max(1, WindowSeconds));

    public TimeSpan BlockDuration => TimeSpan.FromSeconds(Math.Max(1, BlockSeconds));
}
