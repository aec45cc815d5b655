using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.RateLimiting;
using StackExchange.Redis;

namespace SecureApi.IntegrationTests;

/// <summary>
/// One instance of a service as far as shared rate limiting goes: its own multiplexer and <see cref="RedisRateLimiters"/>,
/// with captured logs. Two of them on one redis-server and one prefix stand for two instances sharing one Redis.
/// </summary>
internal sealed class RedisLimiterInstance : IAsyncDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    private readonly ConnectionMultiplexer _redis;
    private readonly ILoggerFactory _loggerFactory;

    private RedisLimiterInstance(ConnectionMultiplexer redis, ILoggerFactory loggerFactory, RedisRateLimiters limiters, CapturedLogs logs)
    {
        _redis = redis;
        _loggerFactory = loggerFactory;
        Limiters = limiters;
        Logs = logs;
    }

    public RedisRateLimiters Limiters { get; }

    public CapturedLogs Logs { get; }

    public static string NewPrefix() => "secureapi:test-" + Guid.NewGuid().ToString("N");

    public static RedisLimiterInstance Start(RedisServer server, string prefix, TimeSpan? concurrencyLeaseTime = null)
    {
        var settings = new RedisRateLimitingOptions { Configuration = server.Configuration, KeyPrefix = prefix };
        if (concurrencyLeaseTime is { } leaseTime)
        {
            settings.ConcurrencyLeaseTime = leaseTime;
        }

        var redis = ConnectionMultiplexer.Connect(RedisRateLimitingRegistration.ConnectionOptions(settings));
        var logs = new CapturedLogs();
        var loggerFactory = new LoggerFactory([logs]);
        var limiters = new RedisRateLimiters(redis, Options.Create(settings), new Logger<RedisRateLimiters>(loggerFactory), TimeProvider.System, "tests");
        return new RedisLimiterInstance(redis, loggerFactory, limiters, logs);
    }

    /// <summary>A partitioned limiter whose partitions this instance's limiters make, as <c>SecureApiRateLimiter</c> does.</summary>
    public PartitionedRateLimiter<string> Partitioned(Func<RedisRateLimiters, string, RateLimiter> create) =>
        PartitionedRateLimiter.Create<string, string>(partition => RateLimitPartition.Get(partition, key => create(Limiters, key)));

    /// <summary>Acquires on a scratch partition until a decision is made in Redis again (a probe per second succeeds).</summary>
    public async Task UntilSharedAsync()
    {
        using var probe = Limiters.CreateFixedWindow("probe", Guid.NewGuid().ToString("N"), int.MaxValue, TimeSpan.FromMinutes(1));
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (Limiters.IsFallingBack)
        {
            Assert.True(deadline.Elapsed < s_deadline, "Redis was not used again within the deadline.");
            (await probe.AcquireAsync()).Dispose();
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Returns once Redis has processed every command this instance sent before (one connection answers in order): a
    /// fire-and-forget release has then taken effect for every other instance too.
    /// </summary>
    public async Task FlushAsync() => await _redis.GetDatabase().PingAsync();

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        _loggerFactory.Dispose();
    }
}
