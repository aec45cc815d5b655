namespace SecureApi.Monitoring;

/// <summary>
/// What a detector saw, as handed to every <see cref="IAlertSink"/> (and posted by the webhook sink as JSON).
/// </summary>
/// <param name="Detector">The detector: <c>CredentialStuffing</c>, <c>Enumeration</c>, <c>Probing</c>, <c>MassAssignment</c>, <c>TrafficSpike</c>, <c>AgentErrorSurge</c>, <c>AgentLoop</c> or <c>AgentNewEndpoint</c>.</param>
/// <param name="OffenderKind"><c>ip</c>, <c>caller</c>, <c>agent</c> or <c>endpoint</c>.</param>
/// <param name="Offender">The client address, the caller's subject, the agent (<c>{actor}@{subject}</c>) or the endpoint's name.</param>
/// <param name="Count">The count that reached the threshold in the window.</param>
/// <param name="Threshold">The detector's threshold.</param>
/// <param name="WindowSeconds">The detector's sliding window.</param>
/// <param name="Response"><c>alert</c>, <c>block</c> when the offender was blocked, or <c>throttle</c> when an agent's budgets were lowered.</param>
/// <param name="BlockSeconds">How long the offender is blocked (or the agent throttled); 0 for an alert.</param>
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
