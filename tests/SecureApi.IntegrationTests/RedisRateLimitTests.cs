using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.RateLimiting;
using StackExchange.Redis;

namespace SecureApi.IntegrationTests;

/// <summary>
/// The Redis-backed fixed window against a real redis-server on a free loopback port. Two <see cref="Instance"/>s (two
/// multiplexers, two <see cref="RedisRateLimiters"/>) stand for two instances of one service sharing one Redis.
/// </summary>
public sealed class RedisRateLimitTests
{
    private static readonly TimeSpan s_longWindow = TimeSpan.FromMinutes(1); // exactness: a burst stays inside one window
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ParallelCallersOnTwoInstancesNeverGetMoreThanTheLimitAdmitted()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = NewPrefix();
        await using var first = Instance.Start(redis, prefix);
        await using var second = Instance.Start(redis, prefix);
        using var firstLimiter = first.Partitioned("api", 10, s_longWindow);
        using var secondLimiter = second.Partitioned("api", 10, s_longWindow);

        var leases = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            (i % 2 == 0 ? firstLimiter : secondLimiter).AcquireAsync("user:alice").AsTask()));

        Assert.Equal(10, leases.Count(lease => lease.IsAcquired));
    }

    [Fact]
    public async Task OnePartitionsExhaustionLeavesAnotherPartitionItsBudget()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = NewPrefix();
        await using var first = Instance.Start(redis, prefix);
        await using var second = Instance.Start(redis, prefix);
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
        await using var instance = Instance.Start(redis, NewPrefix());
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
        await using var instance = Instance.Start(redis, NewPrefix());
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
        await using var instance = Instance.Start(redis, NewPrefix());
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
        await using var first = Instance.Start(redis, prefix);
        await using var second = Instance.Start(redis, prefix);
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

    private static string NewPrefix() => "secureapi:test-" + Guid.NewGuid().ToString("N");

    private sealed class Instance : IAsyncDisposable
    {
        private readonly ConnectionMultiplexer _redis;
        private readonly ILoggerFactory _loggerFactory;

        private Instance(ConnectionMultiplexer redis, ILoggerFactory loggerFactory, RedisRateLimiters limiters, CapturedLogs logs)
        {
            _redis = redis;
            _loggerFactory = loggerFactory;
            Limiters = limiters;
            Logs = logs;
        }

        public RedisRateLimiters Limiters { get; }

        public CapturedLogs Logs { get; }

        public static Instance Start(RedisServer server, string prefix)
        {
            var settings = new RedisRateLimitingOptions { Configuration = server.Configuration, KeyPrefix = prefix };
            var redis = ConnectionMultiplexer.Connect(RedisRateLimitingRegistration.ConnectionOptions(settings));
            var logs = new CapturedLogs();
            var loggerFactory = new LoggerFactory([logs]);
            var limiters = new RedisRateLimiters(redis, Options.Create(settings), new Logger<RedisRateLimiters>(loggerFactory), TimeProvider.System, "tests");
            return new Instance(redis, loggerFactory, limiters, logs);
        }

        public PartitionedRateLimiter<string> Partitioned(string policy, int permits, TimeSpan window) =>
            PartitionedRateLimiter.Create<string, string>(partition =>
                RateLimitPartition.Get(partition, key => Limiters.CreateFixedWindow(policy, key, permits, window)));

        /// <summary>Acquires on a scratch partition until a decision is made in Redis again (a probe per second succeeds).</summary>
        public async Task UntilSharedAsync()
        {
            using var probe = Limiters.CreateFixedWindow("probe", Guid.NewGuid().ToString("N"), int.MaxValue, s_longWindow);
            var deadline = System.Diagnostics.Stopwatch.StartNew();
            while (Limiters.IsFallingBack)
            {
                Assert.True(deadline.Elapsed < s_deadline, "Redis was not used again within the deadline.");
                (await probe.AcquireAsync()).Dispose();
                await Task.Delay(50);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _redis.DisposeAsync();
            _loggerFactory.Dispose();
        }
    }
}
