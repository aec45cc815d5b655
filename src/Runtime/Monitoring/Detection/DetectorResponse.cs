namespace SecureApi.Monitoring.Detection;

/// <summary>What a detector does when it fires.</summary>
internal enum DetectorResponse
{
    /// <summary>Raise the alert (event, meter, sinks) only.</summary>
    Alert,

    /// <summary>Raise the alert and block the offender for the detector's BlockSeconds.</summary>
    Block,

    /// <summary>Raise the alert and, for an agent, lower its budgets for <c>SecureApi:Agents:Throttle:Seconds</c> (others: alert only).</summary>
    Throttle,
}
