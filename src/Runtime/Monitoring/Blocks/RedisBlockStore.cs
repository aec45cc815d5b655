using SecureApi.RateLimiting;
using StackExchange.Redis;

namespace SecureApi.Monitoring.Blocks;

/// <summary>
/// Blocks shared by every instance through Redis: <c>{prefix}:block:{kind}:{value}</c> (<see cref="RedisKeys.Block"/>)
/// holding the detector's name, with TTL = the rest of the block, so Redis expires it. Uses the rate limiters' connection
/// and outage tracking: while Redis is unreachable, this instance's own blocks (the local store) are enforced instead.
/// </summary>
internal sealed class RedisBlockStore(RedisRateLimiters redis, MemoryBlockStore local) : IBlockStore
{
    private const string CheckScript = "return redis.call('PTTL', KEYS[1])";
    private const string AddScript = "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1";
    private const string RemoveScript = "return redis.call('DEL', KEYS[1])";

    // Every block key with its TTL and reason, at most ARGV[2] of them. KEYS[1] is only the prefix (one key, as
    // TryEvaluateAsync sends); SCAN does not touch it.
    private const string ListScript = """
        local found = {}
        local cursor = '0'
        repeat
          local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
          cursor = page[1]
          for _, key in ipairs(page[2]) do
            local ttl = redis.call('PTTL', key)
            if ttl > 0 and #found < tonumber(ARGV[2]) * 3 then
              table.insert(found, key)
              table.insert(found, ttl)
              table.insert(found, redis.call('GET', key) or '')
            end
          end
        until cursor == '0'
        return found
        """;

    public MemoryBlockStore Local => local;

    public async ValueTask<TimeSpan?> BlockedForAsync(string kind, string value)
    {
        if (await redis.TryEvaluateAsync(CheckScript, Key(kind, value), []) is not { } answer)
        {
            return await local.BlockedForAsync(kind, value);
        }

        var milliseconds = (long)answer;
        return milliseconds > 0 ? TimeSpan.FromMilliseconds(milliseconds) : null;
    }

    public async ValueTask AddAsync(string kind, string value, string reason, TimeSpan duration)
    {
        await local.AddAsync(kind, value, reason, duration);
        await redis.TryEvaluateAsync(AddScript, Key(kind, value), [reason, (long)Math.Max(1, duration.TotalMilliseconds)]);
    }

    public async ValueTask<bool> RemoveAsync(string kind, string value)
    {
        var removedHere = await local.RemoveAsync(kind, value);
        var answer = await redis.TryEvaluateAsync(RemoveScript, Key(kind, value), []);
        return answer is null ? removedHere : (long)answer > 0;
    }

    public async ValueTask<IReadOnlyList<ActiveBlock>> ListAsync(int max)
    {
        var prefix = RedisKeys.Block(redis.KeyPrefix, "x", string.Empty)[..^"x:".Length];
        if (await redis.TryEvaluateAsync(ListScript, prefix, [prefix + "*", max]) is not { } answer)
        {
            return await local.ListAsync(max);
        }

        var found = (RedisResult[])answer!;
        var blocks = new List<ActiveBlock>(found.Length / 3);
        for (var i = 0; i + 2 < found.Length; i += 3)
        {
            // {prefix}:block:{kind}:{value}: the kind has no ':', the value may.
            var rest = ((string)found[i]!)[prefix.Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            blocks.Add(new ActiveBlock(rest[..colon], rest[(colon + 1)..], (string)found[i + 2]!, (long)Math.Ceiling((long)found[i + 1] / 1000.0)));
        }

        return [.. blocks.OrderBy(static block => block.RemainingSeconds)];
    }

    private string Key(string kind, string value) => RedisKeys.Block(redis.KeyPrefix, kind, value);
}
