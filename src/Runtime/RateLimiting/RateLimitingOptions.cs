namespace SecureApi.RateLimiting;

/// <summary>Rate limits (<c>SecureApi:RateLimiting</c>): named policies, tiers and the agents' budget.</summary>
public sealed class RateLimitingOptions
{
    /// <summary>Named policies; <c>default</c>, <c>anonymous</c>, <c>sensitive</c> and <c>per-user</c> exist without configuration.</summary>
    public Dictionary<string, RateLimitPolicyOptions> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Permits by the caller's <c>tier</c> claim.</summary>
    public Dictionary<string, RateLimitTierOptions> Tiers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Agents' permits; agents always have a budget of their own, apart from the user they act for.</summary>
    public RateLimitTierOptions Agents { get; set; } = new();
}
