using SecureApi.RateLimiting;

namespace SecureApi.IntegrationTests;

/// <summary>
/// A Concurrency policy's slots in Redis: freed when the lease is disposed, and freed by expiry when it never is (the
/// instance holding it crashed).
/// </summary>
public sealed class RedisConcurrencyLeaseTests
{
    [Fact]
    public async Task ADisposedLeaseFreesItsSlotForAnotherInstance()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = RedisLimiterInstance.NewPrefix();
        await using var first = RedisLimiterInstance.Start(redis, prefix);
        await using var second = RedisLimiterInstance.Start(redis, prefix);
        using var firstLimiter = first.Limiters.CreateConcurrency("api", "user:alice", 1);
        using var secondLimiter = second.Limiters.CreateConcurrency("api", "user:alice", 1);
        var held = await firstLimiter.AcquireAsync();
        Assert.True(held.IsAcquired);

        held.Dispose();
        await first.FlushAsync(); // the release is sent without waiting; make sure Redis has it
        using var next = await secondLimiter.AcquireAsync();

        Assert.True(next.IsAcquired);
    }

    [Fact]
    public async Task ALeaseNeverReleasedExpiresAfterTheLeaseTimeWhileOthersAreStillHeld()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = RedisLimiterInstance.NewPrefix();
        var leaseTime = TimeSpan.FromSeconds(2);
        await using var second = RedisLimiterInstance.Start(redis, prefix, leaseTime);
        using var secondLimiter = second.Limiters.CreateConcurrency("api", "user:alice", 2);
        await using (var crashed = RedisLimiterInstance.Start(redis, prefix, leaseTime))
        {
            var limiter = crashed.Limiters.CreateConcurrency("api", "user:alice", 2);
            Assert.True((await limiter.AcquireAsync()).IsAcquired); // never disposed: the instance goes away holding it
        }

        // A later lease, still held when the crashed one expires, keeps the key alive: only the lost lease may go.
        await Task.Delay(leaseTime / 2);
        using var held = await secondLimiter.AcquireAsync();
        Assert.True(held.IsAcquired);
        await Task.Delay(leaseTime / 2 + TimeSpan.FromMilliseconds(300));
        using var lease = await secondLimiter.AcquireAsync();

        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task AHeldLeaseKeepsItsSlotOnEveryInstanceUntilReleased()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = RedisLimiterInstance.NewPrefix();
        await using var first = RedisLimiterInstance.Start(redis, prefix);
        await using var second = RedisLimiterInstance.Start(redis, prefix);
        using var firstLimiter = first.Limiters.CreateConcurrency("api", "user:alice", 1);
        using var secondLimiter = second.Limiters.CreateConcurrency("api", "user:alice", 1);
        using var held = await firstLimiter.AcquireAsync();
        Assert.True(held.IsAcquired);

        using var refused = await secondLimiter.AcquireAsync();

        Assert.False(refused.IsAcquired);
    }
}
