using System.Collections.Concurrent;

namespace SecureApi.Monitoring.Blocks;

/// <summary>
/// Blocks of this instance (the default, the mirror of the blocks this instance made in Redis, and the fallback while
/// Redis is unreachable). At most <see cref="MaxBlocks"/>: past it a new block is refused rather than memory grown
/// (each block needs the offender to cross a threshold first, so reaching it already takes a long, loud attack).
/// </summary>
internal sealed class MemoryBlockStore(TimeProvider time) : IBlockStore
{
    public const int MaxBlocks = 100_000;

    private readonly ConcurrentDictionary<(string Kind, string Value), (string Reason, long Until)> _blocks = new();

    public MemoryBlockStore Local => this;

    public int Count => _blocks.Count;

    public ValueTask<TimeSpan?> BlockedForAsync(string kind, string value)
    {
        if (_blocks.TryGetValue((kind, value), out var block))
        {
            var rest = Rest(block.Until);
            if (rest > TimeSpan.Zero)
            {
                return ValueTask.FromResult<TimeSpan?>(rest);
            }
        }

        return ValueTask.FromResult<TimeSpan?>(null);
    }

    public ValueTask AddAsync(string kind, string value, string reason, TimeSpan duration)
    {
        if (_blocks.Count < MaxBlocks || _blocks.ContainsKey((kind, value)))
        {
            _blocks[(kind, value)] = (reason, time.GetTimestamp() + (long)(duration.TotalSeconds * time.TimestampFrequency));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveAsync(string kind, string value) => ValueTask.FromResult(_blocks.TryRemove((kind, value), out _));

    public ValueTask<IReadOnlyList<ActiveBlock>> ListAsync(int max) => ValueTask.FromResult<IReadOnlyList<ActiveBlock>>(
        [.. _blocks.Select(pair => new ActiveBlock(pair.Key.Kind, pair.Key.Value, pair.Value.Reason, (long)Math.Ceiling(Rest(pair.Value.Until).TotalSeconds)))
            .Where(static block => block.RemainingSeconds > 0)
            .OrderBy(static block => block.RemainingSeconds)
            .Take(max)]);

    /// <summary>Removes the expired blocks and returns them, so each expiry is reported once.</summary>
    public List<(string Kind, string Value, string Reason)> TakeExpired()
    {
        var now = time.GetTimestamp();
        var expired = new List<(string, string, string)>();
        foreach (var (key, block) in _blocks)
        {
            if (block.Until <= now && _blocks.TryRemove(new KeyValuePair<(string, string), (string, long)>(key, block)))
            {
                expired.Add((key.Kind, key.Value, block.Reason));
            }
        }

        return expired;
    }

    private TimeSpan Rest(long until) => TimeSpan.FromSeconds((double)(until - time.GetTimestamp()) / time.TimestampFrequency);
}
