using SecureApi.Monitoring.Detection;

namespace SecureApi.AiGuards;

/// <summary>
/// <c>SecureApi:Agents</c>: what agents (client kind <c>agent</c>) may spend, and the behaviour detectors that watch
/// them. Every budget is per agent, meaning per actor and the subject it acts for (<see cref="AgentIdentity"/>).
/// </summary>
internal sealed class AgentOptions
{
    public const string SectionName = "SecureApi:Agents";

    /// <summary>
    /// The rate-limit tier an agent is in when its token or key names none (a <c>tier</c> claim wins). Default
    /// <c>agent</c>, which is built in as half of every policy's permits unless <c>SecureApi:RateLimiting:Tiers:agent</c> says otherwise.
    /// </summary>
    public string Tier { get; set; } = AgentTier.Name;

    /// <summary>Requests an agent may make per <see cref="WindowSeconds"/>, across every endpoint. Default 1000.</summary>
    public int Requests { get; set; } = 1000;

    /// <summary>The request budget's window, in seconds. Default 3600.</summary>
    public int WindowSeconds { get; set; } = 3600;

    /// <summary>Budgets in units the service charges through <see cref="AgentBudget"/> (model tokens, say), by unit name. None by default.</summary>
    public Dictionary<string, AgentUnitOptions> Units { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What a detector's <c>Throttle</c> response does to an agent's budgets.</summary>
    public AgentThrottleOptions Throttle { get; set; } = new();

    /// <summary>The agent behaviour detectors.</summary>
    public AgentDetectorsOptions Detectors { get; set; } = new();

    public TimeSpan Window => TimeSpan.FromSeconds(Math.Max(1, WindowSeconds));
}

/// <summary>One unit's budget, <c>SecureApi:Agents:Units:&lt;unit&gt;</c>.</summary>
internal sealed class AgentUnitOptions
{
    /// <summary>Units an agent may spend per window.</summary>
    public int Budget { get; set; }

    /// <summary>The window, in seconds. Default 3600.</summary>
    public int WindowSeconds { get; set; } = 3600;

    public TimeSpan Window => TimeSpan.FromSeconds(Math.Max(1, WindowSeconds));
}

/// <summary><c>SecureApi:Agents:Throttle</c>: a throttled agent's budgets are <see cref="Multiplier"/> times their size, for <see cref="Seconds"/>.</summary>
internal sealed class AgentThrottleOptions
{
    /// <summary>Budgets times this while throttled (rounded down, at least 1). Default 0.1.</summary>
    public double Multiplier { get; set; } = 0.1;

    /// <summary>How long a throttle lasts. Default 900.</summary>
    public int Seconds { get; set; } = 900;

    public TimeSpan Duration => TimeSpan.FromSeconds(Math.Max(1, Seconds));
}

/// <summary><c>SecureApi:Agents:Detectors</c>. <c>SecureApi:Detection:Enabled</c> false switches these off too.</summary>
internal sealed class AgentDetectorsOptions
{
    /// <summary>Error answers (4xx but 429, and 5xx) per agent: at least Threshold in the window and at least MinErrorShare of its requests.</summary>
    public AgentDetectorOptions ErrorSurge { get; set; } = new() { Threshold = 30, Response = DetectorResponse.Throttle };

    /// <summary>The same call (endpoint, route values, query and body) repeated per agent.</summary>
    public AgentDetectorOptions Loop { get; set; } = new() { Threshold = 30, Response = DetectorResponse.Throttle };

    /// <summary>An endpoint the agent (the actor, across the users it acts for) never called during its warm-up.</summary>
    public AgentDetectorOptions NewEndpoint { get; set; } = new() { Threshold = 1, Response = DetectorResponse.Alert };
}

/// <summary>One agent detector, <c>SecureApi:Agents:Detectors:&lt;Detector&gt;</c>.</summary>
internal sealed class AgentDetectorOptions
{
    public bool Enabled { get; set; } = true;

    public int Threshold { get; set; }

    public int WindowSeconds { get; set; } = 60;

    /// <summary><c>Alert</c>, <c>Throttle</c> (budgets lowered for <c>SecureApi:Agents:Throttle:Seconds</c>) or <c>Block</c> (403 for BlockSeconds).</summary>
    public DetectorResponse Response { get; set; } = DetectorResponse.Alert;

    public int BlockSeconds { get; set; } = 900;

    /// <summary>ErrorSurge: the least share of the agent's requests in the window that must have failed. Default 0.5.</summary>
    public double MinErrorShare { get; set; } = 0.5;

    /// <summary>NewEndpoint: requests an actor makes while its usual endpoints are learned. Default 200.</summary>
    public int WarmUpRequests { get; set; } = 200;

    public TimeSpan Window => TimeSpan.FromSeconds(Math.Max(1, WindowSeconds));

    public TimeSpan BlockDuration => TimeSpan.FromSeconds(Math.Max(1, BlockSeconds));
}
