namespace SecureApi.Monitoring;

/// <summary>
/// What a detector saw, as handed to every <see cref="IAlertSink"/> (and posted by the webhook sink as JSON).
/// </summary>
/// <param name="Detector">The detector: <c>CredentialStuffing</c>, <c>Enumeration</c>, <c>Probing</c>, <c>MassAssignment</c> or <c>TrafficSpike</c>.</param>
/// <param name="OffenderKind"><c>ip</c>, <c>caller</c> or <c>endpoint</c>.</param>
/// <param name="Offender">The client address, the caller's subject or the endpoint's name.</param>
/// <param name="Count">The count that reached the threshold in the window.</param>
/// <param name="Threshold">The detector's threshold.</param>
/// <param name="WindowSeconds">The detector's sliding window.</param>
/// <param name="Response"><c>alert</c>, or <c>block</c> when the offender was blocked.</param>
/// <param name="BlockSeconds">How long the offender is blocked; 0 when not blocked.</param>
/// <param name="Time">When the detector fired.</param>
/// <param name="Endpoint">The endpoint of the request that crossed the threshold.</param>
/// <param name="TraceId">That request's trace id.</param>
public sealed record SecurityAlert(
    string Detector,
    string OffenderKind,
    string Offender,
    int Count,
    int Threshold,
    int WindowSeconds,
    string Response,
    int BlockSeconds,
    DateTimeOffset Time,
    string Endpoint,
    string TraceId);
