using SecureApi.RateLimiting;

namespace SecureApi.AiGuards;

/// <summary>
/// The agents' usual endpoints in Redis, when <c>SecureApi:RateLimiting:Redis</c> is configured, so an endpoint an
/// actor used on one instance is usual on every other, and the warm-up counts its requests wherever they land. One hash
/// per actor (<see cref="RedisKeys.AgentBaseline"/>: a request count and at most <see cref="AgentNewEndpointDetector.MaxEndpoints"/>
/// endpoint names), updated by one script, its TTL refreshed on every use (<see cref="Retention"/>): an actor unseen that
/// long is learned again. Answers null when Redis is not configured or not reachable: the detector then uses its local baseline.
/// </summary>
internal sealed class SharedAgentBaselines(RedisRateLimiters? redis)
{
    /// <summary>How long an actor's baseline outlives its last request.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    // 0: usual (or still warming up, or the baseline is full); 1: an endpoint the actor never called, now added.
    // ARGV: warm-up requests, most endpoints, endpoint name, retention ms.
    private const string ObserveScript = """
        local n = tonumber(redis.call('HGET', KEYS[1], '#') or '0')
        local field = 'e:' .. ARGV[3]
        local known = redis.call('HEXISTS', KEYS[1], field) == 1
        local size = redis.call('HLEN', KEYS[1])
        if n > 0 then size = size - 1 end
        local new = 0
        if n < tonumber(ARGV[1]) then
          redis.call('HINCRBY', KEYS[1], '#', 1)
          if not known and size < tonumber(ARGV[2]) then redis.call('HSET', KEYS[1], field, 1) end
        elseif not known and size < tonumber(ARGV[2]) then
          redis.call('HSET', KEYS[1], field, 1)
          new = 1
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return new
        """;

    /// <summary>Whether the baselines are kept in Redis (configured; an outage still answers null).</summary>
    public bool IsShared => redis is not null;

    /// <summary>True when <paramref name="endpoint"/> is new to <paramref name="actor"/> after its warm-up (it is then usual from now on).</summary>
    public async ValueTask<bool?> IsNewAsync(string actor, string endpoint, int warmUpRequests)
    {
        if (redis is null)
        {
            return null;
        }

        var answer = await redis.TryEvaluateAsync(
            ObserveScript,
            RedisKeys.AgentBaseline(redis.KeyPrefix, actor),
            [warmUpRequests, AgentNewEndpointDetector.MaxEndpoints, endpoint, (long)Retention.TotalMilliseconds]).ConfigureAwait(false);
        return answer is null ? null : (int)answer == 1;
    }
}
