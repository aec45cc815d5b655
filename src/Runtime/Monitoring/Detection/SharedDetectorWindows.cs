using System.Globalization;
using SecureApi.RateLimiting;
using StackExchange.Redis;

namespace SecureApi.Monitoring.Detection;

/// <summary>
/// The detectors' sliding windows in Redis, when <c>SecureApi:RateLimiting:Redis</c> is configured, so every instance
/// counts one offender once: the same two-window estimate as <see cref="BoundedWindowTable"/>, kept in one hash per
/// offender (<see cref="RedisKeys.Detector"/>, TTL two windows, so an offender who stops costs nothing after that) and
/// updated by one script on Redis's clock — one round trip, atomic, and the once-per-window "quiet until" is shared
/// too, so exactly one instance raises the anomaly. Each method answers null when Redis is not configured or not
/// reachable (the rate limiters' outage tracking): the detector then counts in its local table.
/// </summary>
internal sealed class SharedDetectorWindows(RedisRateLimiters? redis)
{
    // Rolls the window (one on: current becomes previous; two or more: both stale; distinct ids are forgotten), counts
    // one hit or one new id, and fires when the estimate reaches the threshold outside the quiet time.
    // ARGV: window ms, threshold, distinct cap (0: count hits), id.
    private const string HitScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local window = tonumber(ARGV[1])
        local threshold = tonumber(ARGV[2])
        local cap = tonumber(ARGV[3])
        local h = redis.call('HMGET', KEYS[1], 's', 'c', 'p', 'q')
        local start = tonumber(h[1]) or now
        local cur = tonumber(h[2]) or 0
        local prev = tonumber(h[3]) or 0
        local quiet = tonumber(h[4]) or 0
        local elapsed = now - start
        if elapsed >= window then
          if elapsed < 2 * window then prev = cur else prev = 0 end
          cur = 0
          start = start + math.floor(elapsed / window) * window
          if cap > 0 then
            for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
              if string.sub(field, 1, 2) == 'i:' then redis.call('HDEL', KEYS[1], field) end
            end
          end
        end
        if cap == 0 then
          cur = cur + 1
        elseif cur < cap and redis.call('HSETNX', KEYS[1], 'i:' .. ARGV[4], 1) == 1 then
          cur = cur + 1
        end
        local overlap = 1 - (now - start) / window
        if overlap < 0 then overlap = 0 end
        local estimate = math.floor(prev * overlap + cur)
        local fired = 0
        if estimate >= threshold and now >= quiet then
          fired = 1
          quiet = now + window
        end
        redis.call('HSET', KEYS[1], 's', start, 'c', cur, 'p', prev, 'q', quiet)
        redis.call('PEXPIRE', KEYS[1], 2 * window)
        return { fired, estimate }
        """;

    // An agent's requests and errors in one hash (one window start for both): fires on an error when the errors reach
    // the threshold and the share of the requests. ARGV: window ms, threshold, 1 for an error else 0, least share.
    private const string ErrorShareScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local window = tonumber(ARGV[1])
        local threshold = tonumber(ARGV[2])
        local isError = tonumber(ARGV[3])
        local share = tonumber(ARGV[4])
        local h = redis.call('HMGET', KEYS[1], 's', 'rc', 'rp', 'ec', 'ep', 'q')
        local start = tonumber(h[1]) or now
        local rc = tonumber(h[2]) or 0
        local rp = tonumber(h[3]) or 0
        local ec = tonumber(h[4]) or 0
        local ep = tonumber(h[5]) or 0
        local quiet = tonumber(h[6]) or 0
        local elapsed = now - start
        if elapsed >= window then
          if elapsed < 2 * window then rp = rc; ep = ec else rp = 0; ep = 0 end
          rc = 0
          ec = 0
          start = start + math.floor(elapsed / window) * window
        end
        rc = rc + 1
        ec = ec + isError
        local overlap = 1 - (now - start) / window
        if overlap < 0 then overlap = 0 end
        local requests = math.floor(rp * overlap + rc)
        local errors = math.floor(ep * overlap + ec)
        local fired = 0
        if isError == 1 and errors >= threshold and errors >= share * requests and now >= quiet then
          fired = 1
          quiet = now + window
        end
        redis.call('HSET', KEYS[1], 's', start, 'rc', rc, 'rp', rp, 'ec', ec, 'ep', ep, 'q', quiet)
        redis.call('PEXPIRE', KEYS[1], 2 * window)
        return { fired, errors }
        """;

    /// <summary>Whether the windows are kept in Redis (configured; an outage still answers null).</summary>
    public bool IsShared => redis is not null;

    /// <summary>Counts one hit (or, with <paramref name="distinctCap"/> above 0, one distinct id) for <paramref name="offender"/>.</summary>
    public async ValueTask<WindowHit?> HitAsync(string detector, string offender, TimeSpan window, int threshold, int distinctCap = 0, ulong id = 0)
    {
        if (redis is null)
        {
            return null;
        }

        var answer = await redis.TryEvaluateAsync(
            HitScript,
            RedisKeys.Detector(redis.KeyPrefix, detector, window, offender),
            [Milliseconds(window), threshold, distinctCap, id.ToString("x16", CultureInfo.InvariantCulture)]).ConfigureAwait(false);
        return Read(answer);
    }

    /// <summary>Counts one request of <paramref name="offender"/>, an error when <paramref name="isError"/>; fires on errors reaching both the threshold and the share.</summary>
    public async ValueTask<WindowHit?> ErrorShareAsync(string detector, string offender, TimeSpan window, int threshold, double minShare, bool isError)
    {
        if (redis is null)
        {
            return null;
        }

        var answer = await redis.TryEvaluateAsync(
            ErrorShareScript,
            RedisKeys.Detector(redis.KeyPrefix, detector, window, offender),
            [Milliseconds(window), threshold, isError ? 1 : 0, minShare.ToString("R", CultureInfo.InvariantCulture)]).ConfigureAwait(false);
        return Read(answer);
    }

    private static WindowHit? Read(RedisResult? answer)
    {
        if (answer is null)
        {
            return null;
        }

        var result = (RedisResult[])answer!;
        return new WindowHit((int)result[0] == 1, (int)result[1]);
    }

    private static long Milliseconds(TimeSpan span) => Math.Max(1, (long)span.TotalMilliseconds);
}

/// <summary>What one count in a shared window decided: whether the detector fires (once per offender per window, across instances) and the estimate.</summary>
internal readonly record struct WindowHit(bool Fired, int Estimate);
