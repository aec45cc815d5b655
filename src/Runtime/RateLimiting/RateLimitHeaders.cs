using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace SecureApi.RateLimiting;

/// <summary>
/// <c>RateLimit-Policy</c> and <c>RateLimit</c> (draft-ietf-httpapi-ratelimit-headers-09) and, on a rejection,
/// <c>Retry-After</c>: what a well-behaved client needs to pace itself.
/// </summary>
internal static class RateLimitHeaders
{
    /// <summary>
    /// How late a window may reset after its nominal end: the partitioned limiter replenishes on a 100 ms timer. A
    /// Retry-After that ignored it could name a wait after which the retry is still refused.
    /// </summary>
    private static readonly TimeSpan s_replenishmentLag = TimeSpan.FromMilliseconds(100);

    public static void Write(IHeaderDictionary headers, RateLimitPolicy policy, int permits, long remaining, RateLimitLease lease)
    {
        var name = policy.Name;
        var window = WindowSeconds(policy);
        headers["RateLimit-Policy"] = RateLimitPolicyHeader.For(policy, permits);

        if (lease.IsAcquired)
        {
            // Reset: at most one window (plus the replenishment lag) away; the limiter does not say exactly when.
            headers["RateLimit"] = window is null
                ? string.Create(CultureInfo.InvariantCulture, $"\"{name}\";r={Math.Max(0, remaining)}")
                : string.Create(CultureInfo.InvariantCulture, $"\"{name}\";r={Math.Max(0, remaining)};t={Seconds(policy.Window + s_replenishmentLag)}");
            return;
        }

        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            var wait = Seconds(retryAfter + s_replenishmentLag);
            headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"\"{name}\";r=0;t={wait}");
        }
        else
        {
            headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"\"{name}\";r=0");
        }
    }

    /// <summary>The policy's window in whole seconds; none for a concurrency limit.</summary>
    public static long? WindowSeconds(RateLimitPolicy policy) => policy.Kind == RateLimitKind.Concurrency ? null : Seconds(policy.Window);

    /// <summary>Whole seconds, rounded up: a wait rounded down would be a lie.</summary>
    private static long Seconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalSeconds));
}
