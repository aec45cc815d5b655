namespace SecureApi.Monitoring.Detection;

/// <summary>
/// What a block (and a detection's offender) names: a client address, a caller's subject, or an agent (its actor and the
/// subject it acts for, <see cref="SecureApi.AiGuards.AgentIdentity"/>: blocking an agent leaves its user served).
/// </summary>
internal static class BlockKinds
{
    public const string Ip = "ip";
    public const string Caller = "caller";
    public const string Agent = "agent";
    public const string Endpoint = "endpoint";

    /// <summary>Not a block: an agent whose budgets are lowered for a while, kept in the same store.</summary>
    public const string AgentThrottle = "agent-throttle";

    public static bool IsBlockable(string kind) => kind is Ip or Caller or Agent;

    /// <summary>What an admin may lift: the blocks, and agents' throttles.</summary>
    public static bool IsLiftable(string kind) => IsBlockable(kind) || kind == AgentThrottle;
}
