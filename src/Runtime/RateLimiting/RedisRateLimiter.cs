using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace SecureApi.RateLimiting;

/// <summary>
/// What every Redis-backed limiter shares: each decision is one atomic script call (<see cref="Script"/>) on one key, so
/// every instance spends one budget per partition; while Redis is unreachable a local limiter of the same kind and
/// permits decides (per instance, never unlimited). A rejection's <see cref="MetadataName.RetryAfter"/>, when the kind
/// knows it, is rounded up to whole seconds: a retry after it finds room.
/// </summary>
/// <remarks>
/// The decision needs a round trip, so <see cref="RateLimiter.AttemptAcquire(int)"/> only answers while falling back; otherwise it
/// reports "not acquired" without metadata and the caller (ASP.NET Core's rate-limiting middleware does) goes on to
/// <see cref="RateLimiter.AcquireAsync(int, CancellationToken)"/>. No queue: a request over the limit is rejected at once.
/// </remarks>
internal abstract class RedisRateLimiter : RateLimiter
{
    private readonly RateLimiter _local;
    private long _lastUsed = System.Diagnostics.Stopwatch.GetTimestamp();
    private long _lastRemaining;

    protected RedisRateLimiter(RedisRateLimiters owner, string key, int permitLimit, RateLimiter local)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        Owner = owner;
        Key = key;
        PermitLimit = permitLimit;
        _local = local;
        _lastRemaining = permitLimit;
    }

    public string Key { get; }

    /// <summary>
    /// Idle once unused and the local limiter is idle too: a partition whose local limiter still holds permits (a
    /// concurrency lease taken during an outage, a window not yet replenished) must not be dropped and made afresh.
    /// </summary>
    public override TimeSpan? IdleDuration => _local.IdleDuration is null
        ? null
        : System.Diagnostics.Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    protected RedisRateLimiters Owner { get; }

    protected int PermitLimit { get; }

    /// <summary>The Lua script deciding one acquisition; KEYS[1] is <see cref="Key"/>, ARGV from <see cref="Arguments"/>.</summary>
    protected abstract string Script { get; }

    /// <summary>While shared: the permits the last decision left (the lease of each decision carries its own exact figure).</summary>
    public override RateLimiterStatistics? GetStatistics() => Owner.IsFallingBack
        ? _local.GetStatistics()
        : new RateLimiterStatistics { CurrentAvailablePermits = Interlocked.Read(ref _lastRemaining) };

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckPermits(permitCount);
        Touch();
        return Owner.IsFallingBack ? _local.AttemptAcquire(permitCount) : RedisLease.NotDecided;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckPermits(permitCount);
        Touch();
        var leaseId = StoresMembers ? Guid.NewGuid().ToString("N") : string.Empty;
        if (await Owner.TryDecideAsync(Script, Key, Arguments(permitCount, leaseId)) is not { } decision)
        {
            return _local.AttemptAcquire(permitCount); // Redis unreachable: the same budget, counted on this instance
        }

        Interlocked.Exchange(ref _lastRemaining, Math.Max(0, decision.Remaining));
        return decision.Admitted
            ? Acquired(decision.Remaining, permitCount, leaseId)
            : new RedisLease(false, 0, decision.RetryAfter is { } wait ? RoundUpToSeconds(wait) : null);
    }

    /// <summary>Whether the script stores one member per permit and so needs a <c>leaseId</c> unique to the acquisition.</summary>
    protected virtual bool StoresMembers => false;

    /// <summary>ARGV of <see cref="Script"/>; <paramref name="leaseId"/> is empty unless <see cref="StoresMembers"/>.</summary>
    protected abstract RedisValue[] Arguments(int permitCount, string leaseId);

    /// <summary>The lease of an admitted decision; a kind that holds something until release overrides it.</summary>
    protected virtual RateLimitLease Acquired(long remaining, int permitCount, string leaseId) => new RedisLease(true, remaining, null);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _local.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    protected static long Milliseconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalMilliseconds));

    private void CheckPermits(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, PermitLimit);
    }

    private void Touch() => Interlocked.Exchange(ref _lastUsed, System.Diagnostics.Stopwatch.GetTimestamp());

    // Retry-After is in whole seconds; rounding down would name a moment when the budget is still spent.
    private static TimeSpan RoundUpToSeconds(TimeSpan remaining) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(remaining.TotalSeconds)));
}
