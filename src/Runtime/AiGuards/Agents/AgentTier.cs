using SecureApi.RateLimiting;

namespace SecureApi.AiGuards;

/// <summary>The built-in rate-limit tier of agents: half of every policy's permits, unless <c>SecureApi:RateLimiting:Tiers:agent</c> is configured.</summary>
internal static class AgentTier
{
    public const string Name = "agent";

    public static RateLimitTierOptions Default => new() { PermitMultiplier = 0.5 };
}
