namespace SecureApi.RateLimiting;

/// <summary>One named policy (<c>SecureApi:RateLimiting:Policies:&lt;name&gt;</c>); an unset value keeps the built-in's.</summary>
public sealed class RateLimitPolicyOptions
{
    /// <summary>The algorithm. Default FixedWindow.</summary>
    public RateLimitKind? Kind { get; set; }

    /// <summary>Requests per window (the bucket size for TokenBucket, requests in flight for Concurrency).</summary>
    public int? Permits { get; set; }

    /// <summary>Window length (the refill period for TokenBucket), in seconds.</summary>
    public double? WindowSeconds { get; set; }

    /// <summary>Segments of a SlidingWindow. Default 6.</summary>
    public int? Segments { get; set; }

    /// <summary>Tokens added per period to a TokenBucket. Default: Permits.</summary>
    public int? TokensPerPeriod { get; set; }

    /// <summary>Requests that wait for a permit instead of a 429. Default 0: waiting holds a connection an attacker chose.</summary>
    public int? QueueLimit { get; set; }

    /// <summary>What shares a budget: Caller, ApiKey, ClientIp, Endpoint, or a combination like <c>Caller+Endpoint</c>.</summary>
    public string? Partition { get; set; }

    /// <summary>
    /// Failures (a 401 or 403, or one a handler reports through <see cref="SecureApi.SignInAttempts"/>) within
    /// <see cref="LockoutWindowSeconds"/> that lock a client (the policy's partition) or a named account out for
    /// <see cref="LockoutSeconds"/>. 0 turns lockout off. Default 5 for <c>sensitive</c>, 0 for every other policy.
    /// </summary>
    public int? LockoutFailures { get; set; }

    /// <summary>How long failures are counted before the count starts again, in seconds. Default 900.</summary>
    public double? LockoutWindowSeconds { get; set; }

    /// <summary>How long a lockout lasts, in seconds. Default 900.</summary>
    public double? LockoutSeconds { get; set; }
}
