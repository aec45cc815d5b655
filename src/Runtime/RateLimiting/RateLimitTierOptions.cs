namespace SecureApi.RateLimiting;

/// <summary>How a tier (<c>SecureApi:RateLimiting:Tiers:&lt;tier&gt;</c>) or agents (<c>SecureApi:RateLimiting:Agents</c>) change a policy's permits.</summary>
public sealed class RateLimitTierOptions
{
    /// <summary>Permits instead of the policy's, for every policy. Wins over <see cref="PermitMultiplier"/>.</summary>
    public int? Permits { get; set; }

    /// <summary>The policy's permits times this (rounded down, at least 1). Default 1.</summary>
    public double? PermitMultiplier { get; set; }
}
