namespace SecureApi.Monitoring.Detection;

/// <summary>One detector firing: who crossed what, and what the detector's settings say to do about it.</summary>
/// <param name="Detector">The detector's name (its configuration section).</param>
/// <param name="OffenderKind"><c>ip</c>, <c>caller</c>, <c>agent</c> or <c>endpoint</c>.</param>
/// <param name="Offender">The address, the caller's subject, the agent's key or the endpoint.</param>
/// <param name="Count">The count that crossed the threshold.</param>
/// <param name="Threshold">The detector's threshold.</param>
/// <param name="Window">The detector's window.</param>
/// <param name="Block">How long to block the offender, or null to alert only.</param>
/// <param name="Throttle">How long to lower an agent offender's budgets (null: no throttle); other offenders are alerted on only.</param>
internal sealed record Detection(string Detector, string OffenderKind, string Offender, int Count, int Threshold, TimeSpan Window, TimeSpan? Block, TimeSpan? Throttle = null);
