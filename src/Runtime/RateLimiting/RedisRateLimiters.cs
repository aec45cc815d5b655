using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SecureApi.RateLimiting;

/// <summary>
/// One per instance: makes Redis-backed limiters and tracks whether Redis is reachable. While it is not, every limiter
/// decides with a local limiter of its kind (never with no limit); one request per <see cref="RedisRateLimitingOptions.ProbeInterval"/>
/// tries Redis again, and the first success switches every limiter back to shared counting.
/// </summary>
internal sealed class RedisRateLimiters
{
    private static readonly Meter s_meter = new("SecureApi.RateLimiting");
    private static readonly Counter<long> s_localDecisions = s_meter.CreateCounter<long>(
        "secureapi.ratelimit.redis.local_decisions", unit: "{decision}", description: "Rate-limit decisions made locally because Redis was unreachable.");

    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly long _probeInterval;
    private readonly TimeSpan _leaseTime;
    private long _unavailableSince; // timestamp of the outage's first failure; 0 while Redis answers
    private long _nextProbe;
    private long _localDecisions;

    public RedisRateLimiters(IConnectionMultiplexer redis, IOptions<RedisRateLimitingOptions> options, ILogger<RedisRateLimiters> logger, TimeProvider time, string applicationName)
    {
        _redis = redis;
        _logger = logger;
        _time = time;
        KeyPrefix = string.IsNullOrWhiteSpace(options.Value.KeyPrefix) ? RedisKeys.DefaultPrefix(applicationName) : options.Value.KeyPrefix;
        _probeInterval = (long)(options.Value.ProbeInterval.TotalSeconds * time.TimestampFrequency);
        _leaseTime = options.Value.ConcurrencyLeaseTime;
    }

    public string KeyPrefix { get; }

    /// <summary>True while decisions are made locally.</summary>
    public bool IsFallingBack => Volatile.Read(ref _unavailableSince) != 0;

    /// <summary>The shared limiter of a policy's kind for one partition; for <c>RateLimitPartition.Get</c>.</summary>
    public RedisRateLimiter Create(RateLimitPolicy policy, string partition, int permits) => policy.Kind switch
    {
        RateLimitKind.SlidingWindow => CreateSlidingWindow(policy.Name, partition, permits, policy.Window, policy.Segments),
        RateLimitKind.TokenBucket => CreateTokenBucket(policy.Name, partition, permits, policy.Window, policy.TokensPerPeriod),
        RateLimitKind.Concurrency => CreateConcurrency(policy.Name, partition, permits),
        _ => CreateFixedWindow(policy.Name, partition, permits, policy.Window),
    };

    public RedisFixedWindowLimiter CreateFixedWindow(string policy, string partition, int permitLimit, TimeSpan window) =>
        new(this, RedisKeys.RateLimit(KeyPrefix, policy, partition, RedisKeys.FixedWindow, window), permitLimit, window);

    public RedisSlidingWindowLimiter CreateSlidingWindow(string policy, string partition, int permitLimit, TimeSpan window, int segments) =>
        new(this, RedisKeys.RateLimit(KeyPrefix, policy, partition, RedisKeys.SlidingWindow, window), permitLimit, window, segments);

    public RedisTokenBucketLimiter CreateTokenBucket(string policy, string partition, int tokenLimit, TimeSpan period, int tokensPerPeriod) =>
        new(this, RedisKeys.RateLimit(KeyPrefix, policy, partition, RedisKeys.TokenBucket, period), tokenLimit, period, tokensPerPeriod);

    public RedisConcurrencyLimiter CreateConcurrency(string policy, string partition, int permitLimit) =>
        new(this, RedisKeys.RateLimit(KeyPrefix, policy, partition, RedisKeys.Concurrency, _leaseTime), permitLimit, _leaseTime);

    /// <summary>
    /// The shared decision of one script call, or null when Redis is not to be asked or did not answer: then the caller
    /// decides locally.
    /// </summary>
    internal async ValueTask<RedisDecision?> TryDecideAsync(string script, string key, RedisValue[] arguments)
    {
        if (await TryEvaluateAsync(script, key, arguments) is not { } answer)
        {
            return null;
        }

        var result = (RedisResult[])answer!;
        var wait = (long)result[2];
        return new RedisDecision((int)result[0] == 1, (long)result[1], wait < 0 ? null : TimeSpan.FromMilliseconds(wait));
    }

    /// <summary>
    /// One script call on one key (one round trip; one key, so it also runs on a Redis Cluster), or null when Redis is not
    /// to be asked or did not answer: then the caller decides locally. Shares the outage tracking of the limiters.
    /// </summary>
    internal async ValueTask<RedisResult?> TryEvaluateAsync(string script, string key, RedisValue[] arguments)
    {
        var now = _time.GetTimestamp();
        if (IsFallingBack)
        {
            // One probe per interval; everyone else decides locally without waiting on Redis.
            var next = Volatile.Read(ref _nextProbe);
            if (now < next || Interlocked.CompareExchange(ref _nextProbe, now + _probeInterval, next) != next)
            {
                CountLocal();
                return null;
            }
        }

        try
        {
            var result = await _redis.GetDatabase().ScriptEvaluateAsync(script, [key], arguments);
            Recovered();
            return result;
        }
        catch (RedisException exception)
        {
            Failed(exception, now);
            CountLocal();
            return null;
        }
    }

    /// <summary>
    /// Removes a released lease's members without waiting for the answer. Should Redis not take it (unreachable), the
    /// members expire with their lease time instead; the release changes nothing about reachability.
    /// </summary>
    internal void Release(string key, RedisValue[] members)
    {
        try
        {
            _redis.GetDatabase().SortedSetRemove(key, members, CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Fail-fast while disconnected: the lease expires in Redis by itself.
        }
    }

    private void Failed(RedisException exception, long now)
    {
        Volatile.Write(ref _nextProbe, now + _probeInterval);
        if (Interlocked.CompareExchange(ref _unavailableSince, now, 0) == 0)
        {
            RedisRateLimitingLog.RedisUnavailable(_logger, exception);
        }
    }

    private void Recovered()
    {
        var since = Volatile.Read(ref _unavailableSince);
        if (since != 0 && Interlocked.CompareExchange(ref _unavailableSince, 0, since) == since)
        {
            RedisRateLimitingLog.RedisAvailable(_logger, (long)_time.GetElapsedTime(since).TotalMilliseconds, Interlocked.Exchange(ref _localDecisions, 0));
        }
    }

    private void CountLocal()
    {
        Interlocked.Increment(ref _localDecisions);
        s_localDecisions.Add(1);
    }
}
