using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SecureApi.RateLimiting;

/// <summary>
/// One per instance: makes Redis-backed limiters and tracks whether Redis is reachable. While it is not, every limiter
/// decides with its local window (never with no limit); one request per <see cref="RedisRateLimitingOptions.ProbeInterval"/>
/// tries Redis again, and the first success switches every limiter back to shared counting.
/// </summary>
internal sealed class RedisRateLimiters
{
    // One round trip, atomic: count the permits unless they would exceed the limit; the first hit starts the window (PEXPIRE).
    // Returns {admitted (1/0), count after, remaining ms of the window}. No client clock is involved, so instances whose
    // clocks disagree still share one window.
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
        return { admitted, count, ttl }
        """;

    private static readonly Meter s_meter = new("SecureApi.RateLimiting");
    private static readonly Counter<long> s_localDecisions = s_meter.CreateCounter<long>(
        "secureapi.ratelimit.redis.local_decisions", unit: "{decision}", description: "Rate-limit decisions made locally because Redis was unreachable.");

    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly long _probeInterval;
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
    }

    public string KeyPrefix { get; }

    /// <summary>True while decisions are made locally.</summary>
    public bool IsFallingBack => Volatile.Read(ref _unavailableSince) != 0;

    /// <summary>A fixed-window limiter for one partition of one policy, counted in Redis; for <c>RateLimitPartition.Get</c>.</summary>
    public RedisFixedWindowLimiter CreateFixedWindow(string policy, string partition, int permitLimit, TimeSpan window) =>
        new(this, RedisKeys.RateLimit(KeyPrefix, policy, partition, window), permitLimit, window);

    /// <summary>The shared decision, or null when Redis is not to be asked or did not answer: then the caller decides locally.</summary>
    internal async ValueTask<WindowDecision?> TryCountAsync(string key, int permitLimit, int permits, TimeSpan window)
    {
        var answer = await TryEvaluateAsync(FixedWindowScript, key, [permitLimit, permits, (long)window.TotalMilliseconds]);
        if (answer is null)
        {
            return null;
        }

        var result = (RedisResult[])answer!;
        return new WindowDecision((int)result[0] == 1, (long)result[1], TimeSpan.FromMilliseconds((long)result[2]));
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
