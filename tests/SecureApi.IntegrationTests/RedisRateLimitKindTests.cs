using System.Threading.RateLimiting;
using SecureApi.RateLimiting;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Sliding-window, token-bucket and concurrency policies shared through a real redis-server, limiter by limiter, made
/// the way <c>SecureApiRateLimiter</c> makes them (<see cref="RedisRateLimiters.Create"/>). Every lease is held until the
/// count is taken, so a concurrency slot is never freed mid-test.
/// </summary>
public sealed class RedisRateLimitKindTests
{
    private static readonly TimeSpan s_longWindow = TimeSpan.FromMinutes(1); // exactness: a burst gets no refill and no slide

    [Theory]
    [InlineData(RateLimitKind.SlidingWindow)]
    [InlineData(RateLimitKind.TokenBucket)]
    [InlineData(RateLimitKind.Concurrency)]
    public async Task ParallelCallersOnTwoInstancesNeverGetMoreThanTheLimitAdmitted(RateLimitKind kind)
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = RedisLimiterInstance.NewPrefix();
        await using var first = RedisLimiterInstance.Start(redis, prefix);
        await using var second = RedisLimiterInstance.Start(redis, prefix);
        using var firstLimiter = first.Partitioned((limiters, key) => Create(limiters, kind, key, 10, s_longWindow));
        using var secondLimiter = second.Partitioned((limiters, key) => Create(limiters, kind, key, 10, s_longWindow));

        var leases = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            (i % 2 == 0 ? firstLimiter : secondLimiter).AcquireAsync("user:alice").AsTask()));
        var admitted = leases.Count(lease => lease.IsAcquired);
        DisposeAll(leases);

        Assert.Equal(10, admitted);
    }

    [Theory]
    [InlineData(RateLimitKind.SlidingWindow)]
    [InlineData(RateLimitKind.TokenBucket)]
    public async Task RejectionNamesAWaitAfterWhichTheRetrySucceeds(RateLimitKind kind)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var instance = RedisLimiterInstance.Start(redis, RedisLimiterInstance.NewPrefix());
        using var limiter = Create(instance.Limiters, kind, "user:alice", 2, TimeSpan.FromSeconds(1.5));
        (await limiter.AcquireAsync()).Dispose();
        (await limiter.AcquireAsync()).Dispose();
        using var rejected = await limiter.AcquireAsync();
        Assert.True(rejected.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));

        await Task.Delay(retryAfter);
        using var retry = await limiter.AcquireAsync();

        Assert.True(retry.IsAcquired);
    }

    [Theory]
    [InlineData(RateLimitKind.SlidingWindow)]
    [InlineData(RateLimitKind.TokenBucket)]
    [InlineData(RateLimitKind.Concurrency)]
    public async Task WithRedisStoppedTheLimitStillHoldsLocally(RateLimitKind kind)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var instance = RedisLimiterInstance.Start(redis, RedisLimiterInstance.NewPrefix());
        using var limiter = Create(instance.Limiters, kind, "user:alice", 3, s_longWindow);
        (await limiter.AcquireAsync()).Dispose(); // connected and counting in Redis
        await redis.StopAsync();

        var leases = new List<RateLimitLease>();
        for (var i = 0; i < 20; i++)
        {
            leases.Add(await limiter.AcquireAsync());
        }

        var admitted = leases.Count(lease => lease.IsAcquired);
        DisposeAll(leases);

        Assert.Equal(3, admitted);
    }

    [Theory]
    [InlineData(RateLimitKind.SlidingWindow)]
    [InlineData(RateLimitKind.TokenBucket)]
    [InlineData(RateLimitKind.Concurrency)]
    public async Task AfterRedisRestartsTheInstancesShareTheBudgetAgain(RateLimitKind kind)
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = RedisLimiterInstance.NewPrefix();
        await using var first = RedisLimiterInstance.Start(redis, prefix);
        await using var second = RedisLimiterInstance.Start(redis, prefix);
        using var firstLimiter = Create(first.Limiters, kind, "user:alice", 2, s_longWindow);
        using var secondLimiter = Create(second.Limiters, kind, "user:alice", 2, s_longWindow);
        await redis.StopAsync();
        (await firstLimiter.AcquireAsync()).Dispose(); // both fall back to local limiters
        (await secondLimiter.AcquireAsync()).Dispose();
        Assert.True(first.Limiters.IsFallingBack && second.Limiters.IsFallingBack);

        await redis.RestartAsync();
        await first.UntilSharedAsync();
        await second.UntilSharedAsync();
        using var one = await firstLimiter.AcquireAsync();
        using var two = await firstLimiter.AcquireAsync();
        using var overShared = await secondLimiter.AcquireAsync();

        Assert.False(overShared.IsAcquired); // locally the second instance has a permit left; in Redis the budget is spent
    }

    /// <summary>The limiter <c>SecureApiRateLimiter</c> would make for a policy of this kind.</summary>
    internal static RedisRateLimiter Create(RedisRateLimiters limiters, RateLimitKind kind, string partition, int permits, TimeSpan window) =>
        limiters.Create(new RateLimitPolicy("api", kind, permits, window, Segments: 6, TokensPerPeriod: permits, QueueLimit: 0, RatePartition.Caller), partition, permits);

    private static void DisposeAll(IEnumerable<RateLimitLease> leases)
    {
        foreach (var lease in leases)
        {
            lease.Dispose();
        }
    }
}
