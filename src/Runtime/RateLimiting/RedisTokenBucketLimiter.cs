using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace SecureApi.RateLimiting;

/// <summary>
/// A token bucket shared through Redis: a hash of the stored tokens and the last refill time (Redis server time, in ms).
/// A decision first adds the tokens of every whole period since the last refill (up to the bucket size, like
/// <see cref="TokenBucketRateLimiter"/>'s replenishment), then takes the permits if there are enough. The key expires when
/// the bucket would be full again, and a missing key is a full bucket. Locally a <see cref="TokenBucketRateLimiter"/>
/// while Redis is unreachable. A rejection's Retry-After is when enough tokens will have been added.
/// </summary>
internal sealed class RedisTokenBucketLimiter : RedisRateLimiter
{
    // ARGV: bucket size, permits, period ms, tokens per period.
    private const string TokenBucketScript = """
        local limit = tonumber(ARGV[1])
        local permits = tonumber(ARGV[2])
        local period = tonumber(ARGV[3])
        local perPeriod = tonumber(ARGV[4])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'refilled')
        local tokens = tonumber(state[1])
        local refilled = tonumber(state[2])
        if tokens == nil or refilled == nil then
          tokens = limit
          refilled = now
        elseif now > refilled then
          local periods = math.floor((now - refilled) / period)
          tokens = math.min(limit, tokens + periods * perPeriod)
          refilled = refilled + periods * period
        end
        if tokens >= limit then refilled = now end
        local admitted = 0
        local wait = 0
        if tokens >= permits and (permits > 0 or tokens > 0) then
          tokens = tokens - permits
          admitted = 1
        else
          local needed = math.max(1, permits - tokens)
          wait = refilled + math.ceil(needed / perPeriod) * period - now
        end
        redis.call('HSET', KEYS[1], 'tokens', tokens, 'refilled', string.format('%d', refilled))
        local full = refilled + math.ceil((limit - tokens) / perPeriod) * period - now
        redis.call('PEXPIRE', KEYS[1], math.max(1, full))
        return { admitted, tokens, wait }
        """;

    private readonly long _periodMs;
    private readonly int _tokensPerPeriod;

    internal RedisTokenBucketLimiter(RedisRateLimiters owner, string key, int tokenLimit, TimeSpan period, int tokensPerPeriod)
        : base(owner, key, tokenLimit, new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokenLimit, ReplenishmentPeriod = period, TokensPerPeriod = tokensPerPeriod, QueueLimit = 0, AutoReplenishment = true,
        }))
    {
        _periodMs = Milliseconds(period);
        _tokensPerPeriod = tokensPerPeriod;
    }

    protected override string Script => TokenBucketScript;

    protected override RedisValue[] Arguments(int permitCount, string leaseId) => [PermitLimit, permitCount, _periodMs, _tokensPerPeriod];
}
