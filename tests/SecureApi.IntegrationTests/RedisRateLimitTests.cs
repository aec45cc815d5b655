using System.Threading.RateLimiting;
using SecureApi.RateLimiting;

namespace SecureApi.IntegrationTests;

/// <summary>
/// The Redis-backed fixed window against a real redis-server on a free loopback port. Two <see cref="RedisLimiterInstance"/>s (two
/// multiplexers, two <see cref="RedisRateLimiters"/>) stand for two instances of one service sharing one Redis.
/// </summary>
public sealed class RedisRateLimitTests
{
    private static readonly TimeSpan s_longWindow = TimeSpan.FromMinutes(1); // exactness: a burst stays inside one window

    [Fact]
    public async Task ParallelCallersOnTwoInstancesNeverGetMoreThanTheLimitAdmitted()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = NewPrefix();
        await using var first = Start(redis, prefix);
        await using var second = Start(redis, prefix);
        using var firstLimiter = first.Partitioned((limiters, key) => limiters.CreateFixedWindow("api", key, 10, s_longWindow));
        using var secondLimiter = second.Partitioned((limiters, key) => limiters.CreateFixedWindow("api", key, 10, s_longWindow));

        var leases = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            (i % 2 == 0 ? firstLimiter : secondLimiter).AcquireAsync("user:alice").AsTask()));

        Assert.Equal(10, leases.Count(lease => lease.IsAcquired));
    }

    [Fact]
    public async Task OnePartitionsExhaustionLeavesAnotherPartitionItsBudget()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = NewPrefix();
        await using var first = Start(redis, prefix);
        await using var second = Start(redis, prefix);
        using var exhausted = first.Limiters.CreateFixedWindow("api", "user:alice", 3, s_longWindow);
        for (var i = 0; i < 5; i++)
        {
            (await exhausted.AcquireAsync()).Dispose();
        }

        using var other = second.Limiters.CreateFixedWindow("api", "user:bob", 3, s_longWindow);
        using var lease = await other.AcquireAsync();

        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task RejectionNamesAWaitAfterWhichTheRetrySucceeds()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var instance = Start(redis, NewPrefix());
        using var limiter = instance.Limiters.CreateFixedWindow("api", "user:alice", 2, TimeSpan.FromSeconds(1.5));
        (await limiter.AcquireAsync()).Dispose();
        (await limiter.AcquireAsync()).Dispose();
        using var rejected = await limiter.AcquireAsync();
        Assert.True(rejected.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));

        await Task.Delay(retryAfter);
        using var retry = await limiter.AcquireAsync();

        Assert.True(retry.IsAcquired);
    }

    [Fact]
    public async Task WithRedisStoppedTheLimitStillHoldsLocally()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var instance = Start(redis, NewPrefix());
        using var limiter = instance.Limiters.CreateFixedWindow("api", "user:alice", 3, s_longWindow);
        (await limiter.AcquireAsync()).Dispose(); // connected and counting in Redis
        await redis.StopAsync();

        var admitted = 0;
        for (var i = 0; i < 20; i++)
        {
            using var lease = await limiter.AcquireAsync();
            admitted += lease.IsAcquired ? 1 : 0;
        }

        Assert.Equal(3, admitted);
    }

    [Fact]
    public async Task AnOutageIsLoggedOnceHoweverManyDecisionsAndProbesFail()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var instance = Start(redis, NewPrefix());
        using var limiter = instance.Limiters.CreateFixedWindow("api", "user:alice", 1000, s_longWindow);
        (await limiter.AcquireAsync()).Dispose();
        await redis.StopAsync();

        // Spread over more than two probe intervals, so failed probes are among the failures.
        for (var i = 0; i < 25; i++)
        {
            (await limiter.AcquireAsync()).Dispose();
            await Task.Delay(100);
        }

        Assert.Single(instance.Logs.Entries, entry => entry.EventId.Id == 1100);
    }

    [Fact]
    public async Task AfterRedisRestartsTheInstancesShareTheBudgetAgain()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = NewPrefix();
        await using var first = Start(redis, prefix);
        await using var second = Start(redis, prefix);
        using var firstLimiter = first.Limiters.CreateFixedWindow("api", "user:alice", 2, s_longWindow);
        using var secondLimiter = second.Limiters.CreateFixedWindow("api", "user:alice", 2, s_longWindow);
        await redis.StopAsync();
        (await firstLimiter.AcquireAsync()).Dispose(); // both fall back to local windows
        (await secondLimiter.AcquireAsync()).Dispose();
        Assert.True(first.Limiters.IsFallingBack && second.Limiters.IsFallingBack);

        await redis.RestartAsync();
        await first.UntilSharedAsync();
        await second.UntilSharedAsync();
        (await firstLimiter.AcquireAsync()).Dispose();
        (await firstLimiter.AcquireAsync()).Dispose();
        using var overShared = await secondLimiter.AcquireAsync();

        Assert.False(overShared.IsAcquired); // locally the second instance has a permit left; in Redis the budget is spent
    }

    private static RedisLimiterInstance Start(RedisServer server, string prefix) => RedisLimiterInstance.Start(server, prefix);

    private static string NewPrefix() => RedisLimiterInstance.NewPrefix();
}
