using SecureApi.Monitoring.Blocks;
using SecureApi.Monitoring.Detection;

namespace SecureApi.AiGuards;

/// <summary>
/// Agents a detector throttled: kept beside the blocks (kind <c>agent-throttle</c>, in memory or Redis as the blocks
/// are), so every instance lowers the same agent's budgets and an admin sees and lifts a throttle like a block.
/// </summary>
internal sealed class AgentThrottles(IBlockStore store)
{
    public async ValueTask<bool> IsThrottledAsync(string agent) => await store.BlockedForAsync(BlockKinds.AgentThrottle, agent) is not null;

    public ValueTask ThrottleAsync(string agent, string reason, TimeSpan duration) => store.AddAsync(BlockKinds.AgentThrottle, agent, reason, duration);
}
