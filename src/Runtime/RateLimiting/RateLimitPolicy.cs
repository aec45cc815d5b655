namespace SecureApi.RateLimiting;

/// <summary>A policy with every value settled and checked.</summary>
internal sealed record RateLimitPolicy(
    string Name,
    RateLimitKind Kind,
    int Permits,
    TimeSpan Window,
    int Segments,
    int TokensPerPeriod,
    int QueueLimit,
    RatePartition Partition,
    LockoutPolicy? Lockout = null);
