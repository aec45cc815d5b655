using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace SecureApi.RateLimiting;

/// <summary>
/// A sliding window shared through Redis as a log: a sorted set with one member per admitted permit, scored by Redis
/// server time. A decision drops what has left the window and admits only if the rest plus the new permits fit, so no
/// window of the policy's length, wherever it starts, ever holds more than the limit (exact, unlike segment counters,
/// at the cost of one member per admitted permit). Locally a <see cref="SlidingWindowRateLimiter"/> while Redis is
/// unreachable. A rejection's Retry-After is when enough old permits leave the window.
/// </summary>
internal sealed class RedisSlidingWindowLimiter : RedisRateLimiter
{
    // ARGV: limit, permits, window ms, lease id (members are id:1..id:n, unique whatever the clock does).
    // Times in microseconds of Redis's clock (TIME), so instances with different clocks share one window.
    private const string SlidingWindowScript = """
        local limit = tonumber(ARGV[1])
        local permits = tonumber(ARGV[2])
        local window = tonumber(ARGV[3]) * 1000
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now - window))
        local count = redis.call('ZCARD', KEYS[1])
        if count + permits <= limit and (permits > 0 or count < limit) then
          for i = 1, permits do
            redis.call('ZADD', KEYS[1], string.format('%d', now), ARGV[4] .. ':' .. i)
          end
          if permits > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
          return { 1, limit - count - permits, 0 }
        end
        local wait = window
        local freeing = count + permits - limit - 1
        if freeing >= 0 and freeing < count then
          local entry = redis.call('ZRANGE', KEYS[1], freeing, freeing, 'WITHSCORES')
          wait = tonumber(entry[2]) + window - now
        end
        return { 0, limit - count, math.ceil(wait / 1000) }
        """;

    private readonly long _windowMs;

    internal RedisSlidingWindowLimiter(RedisRateLimiters owner, string key, int permitLimit, TimeSpan window, int segments)
        : base(owner, key, permitLimit, new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permitLimit, Window = window, SegmentsPerWindow = segments, QueueLimit = 0, AutoReplenishment = true,
        }))
    {
        _windowMs = Milliseconds(window);
    }

    protected override string Script => SlidingWindowScript;

    protected override bool StoresMembers => true;

    protected override RedisValue[] Arguments(int permitCount, string leaseId) => [PermitLimit, permitCount, _windowMs, leaseId];
}
