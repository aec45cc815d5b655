using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace SecureApi.RateLimiting;

/// <summary>
/// A fixed window counted in Redis (a counter whose TTL is the rest of the window), so every instance shares one budget
/// per partition; locally a <see cref="FixedWindowRateLimiter"/> while Redis is unreachable. A rejection's Retry-After is
/// the rest of the window: a retry after it lands in a new window.
/// </summary>
internal sealed class RedisFixedWindowLimiter : RedisRateLimiter
{
    // Count the permits unless they would exceed the limit; the first hit starts the window (PEXPIRE). The window is the
    // key's TTL, so no clock is involved. ARGV: limit, permits, window ms.
    private const string FixedWindowScript = """
        local limit = tonumber(ARGV[1])
        local permits = tonumber(ARGV[2])
        local window = tonumber(ARGV[3])
        local count = tonumber(redis.call('GET', KEYS[1]) or '0')
        local admitted = 0
        if permits == 0 then
          if count < limit then admitted = 1 end
        elseif count + permits <= limit then
          count = redis.call('INCRBY', KEYS[1], permits)
          admitted = 1
        end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 and count > 0 then
          redis.call('PEXPIRE', KEYS[1], window)
          ttl = window
        elseif ttl < 0 then
          ttl = window
        end
        return { admitted, limit - count, ttl }
        """;

    private readonly long _windowMs;

    internal RedisFixedWindowLimiter(RedisRateLimiters owner, string key, int permitLimit, TimeSpan window)
        : base(owner, key, permitLimit, new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit, Window = window, QueueLimit = 0, AutoReplenishment = true,
        }))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));
        _windowMs = Milliseconds(window);
    }

    protected override string Script => FixedWindowScript;

    protected override RedisValue[] Arguments(int permitCount, string leaseId) => [PermitLimit, permitCount, _windowMs];
}
