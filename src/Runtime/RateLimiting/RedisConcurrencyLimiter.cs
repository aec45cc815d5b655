using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace SecureApi.RateLimiting;

/// <summary>
/// Requests in flight, shared through Redis: a sorted set of leases scored by their expiry (Redis server time). A decision
/// drops expired leases and adds one member per permit if they fit; disposing the lease removes them again — a second
/// round trip, sent without waiting (fire and forget). A lease that is never released (the instance crashed, or Redis was
/// unreachable at release) expires after <see cref="RedisRateLimitingOptions.ConcurrencyLeaseTime"/>, so a crash never
/// spends the budget for good. Locally a <see cref="ConcurrencyLimiter"/> while Redis is unreachable. No Retry-After:
/// when a request ends is unknown, as with the local limiter.
/// </summary>
internal sealed class RedisConcurrencyLimiter : RedisRateLimiter
{
    // ARGV: limit, permits, lease ms, lease id (members are id:1..id:n).
    private const string ConcurrencyScript = """
        local limit = tonumber(ARGV[1])
        local permits = tonumber(ARGV[2])
        local lease = tonumber(ARGV[3])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now))
        local count = redis.call('ZCARD', KEYS[1])
        if count + permits <= limit and (permits > 0 or count < limit) then
          for i = 1, permits do
            redis.call('ZADD', KEYS[1], string.format('%d', now + lease), ARGV[4] .. ':' .. i)
          end
          if permits > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
          return { 1, limit - count - permits, 0 }
        end
        return { 0, limit - count, -1 }
        """;

    private readonly long _leaseMs;
    private long _held; // leases decided in Redis and not yet released: the limiter is not idle while any is held

    internal RedisConcurrencyLimiter(RedisRateLimiters owner, string key, int permitLimit, TimeSpan leaseTime)
        : base(owner, key, permitLimit, new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = permitLimit, QueueLimit = 0 }))
    {
        _leaseMs = Milliseconds(leaseTime);
    }

    public override TimeSpan? IdleDuration => Interlocked.Read(ref _held) > 0 ? null : base.IdleDuration;

    protected override string Script => ConcurrencyScript;

    protected override bool StoresMembers => true;

    protected override RedisValue[] Arguments(int permitCount, string leaseId) => [PermitLimit, permitCount, _leaseMs, leaseId];

    protected override RateLimitLease Acquired(long remaining, int permitCount, string leaseId)
    {
        if (permitCount == 0)
        {
            return base.Acquired(remaining, permitCount, leaseId); // nothing stored, nothing to release
        }

        Interlocked.Increment(ref _held);
        return new HeldLease(this, remaining, [.. Enumerable.Range(1, permitCount).Select(i => (RedisValue)$"{leaseId}:{i}")]);
    }

    private void Release(RedisValue[] members)
    {
        Interlocked.Decrement(ref _held);
        Owner.Release(Key, members);
    }

    private sealed class HeldLease(RedisConcurrencyLimiter limiter, long remaining, RedisValue[] members) : RedisLease(true, remaining, null)
    {
        private int _released;

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                limiter.Release(members);
            }

            base.Dispose(disposing);
        }
    }
}
