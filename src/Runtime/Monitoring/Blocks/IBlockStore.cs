namespace SecureApi.Monitoring.Blocks;

/// <summary>Where blocks are kept: this instance's memory, or Redis (with memory while Redis is unreachable).</summary>
internal interface IBlockStore
{
    /// <summary>The rest of the block on <paramref name="kind"/>/<paramref name="value"/>, or null when none is in force.</summary>
    ValueTask<TimeSpan?> BlockedForAsync(string kind, string value);

    ValueTask AddAsync(string kind, string value, string reason, TimeSpan duration);

    ValueTask<bool> RemoveAsync(string kind, string value);

    ValueTask<IReadOnlyList<ActiveBlock>> ListAsync(int max);

    /// <summary>Blocks this instance knows of and has not seen expire (the active-blocks gauge).</summary>
    MemoryBlockStore Local { get; }
}
