using System.Globalization;

namespace SecureApi.RateLimiting;

/// <summary>
/// The <c>RateLimit-Policy</c> value of one policy and permit count: the same text on every request of a partition, so
/// the last one written is kept and reused instead of formatted again. One entry, swapped whole: a request under another
/// policy or tier formats its own and replaces it, never reads a half-written pair.
/// </summary>
internal sealed class RateLimitPolicyHeader
{
    private static volatile RateLimitPolicyHeader? s_last;

    private readonly RateLimitPolicy _policy;
    private readonly int _permits;

    private RateLimitPolicyHeader(RateLimitPolicy policy, int permits, string value)
    {
        _policy = policy;
        _permits = permits;
        Value = value;
    }

    public string Value { get; }

    public static string For(RateLimitPolicy policy, int permits)
    {
        // By reference: a policy object is settled at start-up and never changes, so equal references mean equal text.
        if (s_last is { } last && ReferenceEquals(last._policy, policy) && last._permits == permits)
        {
            return last.Value;
        }

        var value = RateLimitHeaders.WindowSeconds(policy) is { } window
            ? string.Create(CultureInfo.InvariantCulture, $"\"{policy.Name}\";q={permits};w={window}")
            : string.Create(CultureInfo.InvariantCulture, $"\"{policy.Name}\";q={permits}");
        s_last = new RateLimitPolicyHeader(policy, permits, value);
        return value;
    }
}
