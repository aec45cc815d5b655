using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SecureApi.RateLimiting;
using SecureApi.Testing;
using StackExchange.Redis;

namespace SecureApi.Benchmarks;

/// <summary>
/// Decisions of the Redis-backed fixed window (<see cref="RedisFixedWindowLimiter"/>): one <c>EVALSHA</c> round trip
/// each, against a throwaway redis-server on loopback started in the global set-up. "Sequential" awaits one decision at
/// a time (its mean is the latency of a decision; 1 / mean is decisions per second for one caller in a row);
/// "16 concurrent" starts 16 decisions for 16 partitions at once and reports the mean per decision, i.e. throughput
/// when requests overlap (StackExchange.Redis pipelines them on its one connection).
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet calls [GlobalCleanup], which disposes them; benchmark classes must not be sealed.")]
public class RedisRateLimiterBenchmarks
{
    private const int Concurrent = 16;

    private RedisServer _server = null!;
    private ConnectionMultiplexer _connection = null!;
    private RedisFixedWindowLimiter _one = null!;
    private RedisFixedWindowLimiter[] _many = null!;
    private readonly Task<bool>[] _pending = new Task<bool>[Concurrent];

    [GlobalSetup]
    public async Task Setup()
    {
        _server = await RedisServer.StartAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(_server.Configuration);
        var limiters = new RedisRateLimiters(
            _connection, Options.Create(new RedisRateLimitingOptions()), NullLogger<RedisRateLimiters>.Instance, TimeProvider.System, "bench");

        // Permits no run can spend: every decision is an admission (the path every admitted request pays).
        _one = limiters.CreateFixedWindow("default", "c:bench-user", 1_000_000_000, TimeSpan.FromHours(1));
        _many = [.. Enumerable.Range(0, Concurrent).Select(i => limiters.CreateFixedWindow("default", $"c:bench-user-{i}", 1_000_000_000, TimeSpan.FromHours(1)))];
        if (!await Decide(_one))
        {
            throw new InvalidOperationException("The Redis limiter refused the first decision.");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _one.Dispose();
        foreach (var limiter in _many)
        {
            limiter.Dispose();
        }

        await _connection.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<bool> Sequential() => Decide(_one);

    [Benchmark(OperationsPerInvoke = Concurrent)]
    public async Task<int> Concurrent16()
    {
        for (var i = 0; i < Concurrent; i++)
        {
            _pending[i] = Decide(_many[i]);
        }

        var admitted = 0;
        foreach (var decision in _pending)
        {
            admitted += await decision ? 1 : 0;
        }

        return admitted;
    }

    private static async Task<bool> Decide(RedisFixedWindowLimiter limiter)
    {
        using var lease = await limiter.AcquireAsync(1);
        return lease.IsAcquired;
    }
}
