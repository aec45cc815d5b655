using System.Diagnostics.CodeAnalysis;
using System.Threading.RateLimiting;

namespace SecureApi.RateLimiting;

/// <summary>
/// A fixed window counted in Redis, so every instance shares one budget per partition: each decision is one atomic
/// script call. While Redis is unreachable a local <see cref="FixedWindowRateLimiter"/> with the same permits decides
/// (per instance, never unlimited). A rejection carries the rest of the window, rounded up to whole seconds, as
/// <see cref="MetadataName.RetryAfter"/>: a retry after it lands in a new window.
/// </summary>
/// <remarks>
/// The decision needs a round trip, so <see cref="RateLimiter.AttemptAcquire(int)"/> only answers while falling back; otherwise it
/// reports "not acquired" without metadata and the caller (ASP.NET Core's rate-limiting middleware does) goes on to
/// <see cref="RateLimiter.AcquireAsync(int, CancellationToken)"/>. No queue: a request over the limit is rejected at once.
/// </remarks>
internal sealed class RedisFixedWindowLimiter : RateLimiter
{
    private readonly RedisRateLimiters _owner;
    private readonly string _key;
    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private readonly FixedWindowRateLimiter _local;
    private long _lastUsed = System.Diagnostics.Stopwatch.GetTimestamp();

    internal RedisFixedWindowLimiter(RedisRateLimiters owner, string key, int permitLimit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));
        _owner = owner;
        _key = key;
        _permitLimit = permitLimit;
        _window = window;
        _local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    public string Key => _key;

    public override TimeSpan? IdleDuration => System.Diagnostics.Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => _owner.IsFallingBack ? _local.GetStatistics() : null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckPermits(permitCount);
        Touch();
        return _owner.IsFallingBack ? _local.AttemptAcquire(permitCount) : WindowLease.NotDecided;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckPermits(permitCount);
        Touch();
        var decision = await _owner.TryCountAsync(_key, _permitLimit, permitCount, _window);
        if (decision is not { } shared)
        {
            return _local.AttemptAcquire(permitCount); // Redis unreachable: the same budget, counted on this instance
        }

        return shared.Admitted ? WindowLease.Acquired : WindowLease.Rejected(RoundUpToSeconds(shared.RemainingWindow));
    }

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

    private void CheckPermits(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _permitLimit);
    }

    private void Touch() => Interlocked.Exchange(ref _lastUsed, System.Diagnostics.Stopwatch.GetTimestamp());

    // Retry-After is in whole seconds; rounding down would name a moment still inside the window.
    private static TimeSpan RoundUpToSeconds(TimeSpan remaining) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(remaining.TotalSeconds)));

    private sealed class WindowLease : RateLimitLease
    {
        public static readonly WindowLease Acquired = new(true, null);
        public static readonly WindowLease NotDecided = new(false, null);

        private readonly TimeSpan? _retryAfter;

        private WindowLease(bool isAcquired, TimeSpan? retryAfter)
        {
            IsAcquired = isAcquired;
            _retryAfter = retryAfter;
        }

        public override bool IsAcquired { get; }

        public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static WindowLease Rejected(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (_retryAfter is { } retryAfter && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = retryAfter;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
