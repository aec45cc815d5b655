namespace SecureApi.RateLimiting;

/// <summary>The System.Threading.RateLimiting algorithm a policy uses.</summary>
public enum RateLimitKind
{
    /// <summary>Permits per window; the window resets all at once.</summary>
    FixedWindow,

    /// <summary>Permits per window, the window moving in segments: no burst of twice the limit at a window edge.</summary>
    SlidingWindow,

    /// <summary>A bucket of permits refilled with tokens per period: bursts up to the bucket, steady rate after.</summary>
    TokenBucket,

    /// <summary>Requests in flight at once.</summary>
    Concurrency,
}
