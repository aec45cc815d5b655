using System.Threading.RateLimiting;
using SecureApi.RateLimiting;

namespace SecureApi.AiGuards;

/// <summary>
/// Fixed-window budgets, one per (budget, agent, size): System.Threading.RateLimiting's fixed window on this instance, or,
/// when <c>SecureApi:RateLimiting:Redis</c> is configured, the shared <see cref="RedisFixedWindowLimiter"/> — the rate
/// limits' own one-script counter on Redis's clock (the key's TTL), with their outage fallback — so every instance
/// spends one budget. Keys: <c>{prefix}:rl:agent-{budget}:{agent}:fw:{windowMs}</c>.
/// </summary>
internal sealed class AgentBudgetCounter : IDisposable
{
    private readonly RedisRateLimiters? _redis;
    private readonly PartitionedRateLimiter<BudgetKey> _limiter;

    public AgentBudgetCounter(RedisRateLimiters? redis)
    {
        _redis = redis;
        _limiter = PartitionedRateLimiter.Create<BudgetKey, BudgetKey>(key => RateLimitPartition.Get(key, Create));
    }

    /// <summary>Charges <paramref name="amount"/> against <paramref name="budget"/> of <paramref name="agent"/>.</summary>
    public async ValueTask<AgentCharge> ChargeAsync(string budget, string agent, int limit, TimeSpan window, int amount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (amount > limit)
        {
            return new AgentCharge(false, 0, null); // more than the whole budget: no wait makes it fit
        }

        var key = new BudgetKey(budget, agent, limit, window);
        using var lease = await _limiter.AcquireAsync(key, amount, cancellationToken).ConfigureAwait(false);
        var remaining = lease.TryGetMetadata(RedisLease.RemainingPermits, out var shared)
            ? shared
            : _limiter.GetStatistics(key)?.CurrentAvailablePermits ?? 0;
        TimeSpan? retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)))
            : lease.IsAcquired ? null : window;
        return new AgentCharge(lease.IsAcquired, Math.Max(0, remaining), lease.IsAcquired ? null : retryAfter);
    }

    public void Dispose() => _limiter.Dispose();

    private RateLimiter Create(BudgetKey key) => _redis is not null
        ? _redis.CreateFixedWindow(key.Budget, key.Agent, key.Limit, key.Window)
        : new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            // The partitioned limiter's timer replenishes, one timer for every budget.
            PermitLimit = key.Limit, Window = key.Window, QueueLimit = 0, AutoReplenishment = false,
        });

    private readonly record struct BudgetKey(string Budget, string Agent, int Limit, TimeSpan Window);
}
