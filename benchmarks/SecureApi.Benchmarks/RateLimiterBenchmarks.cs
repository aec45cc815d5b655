using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.AspNetCore.Http;
using SecureApi.RateLimiting;

namespace SecureApi.Benchmarks;

/// <summary>
/// What the default (in-process) limiter adds to a request: <see cref="SecureApiRateLimiter"/>'s
/// <c>AttemptAcquire</c> and the lease's dispose for an authenticated caller under the built-in <c>default</c> policy,
/// partition key building and RateLimit header writing included, against the same request without a limiter. Every
/// operation builds a fresh <see cref="DefaultHttpContext"/> and reads its caller (as CallerRequiredMiddleware does
/// before the limiter), in the baseline too, so the difference is the limiter's own cost. "One caller" hits an existing
/// partition; "new callers" makes a partition per request (a fresh limiter per 1,000 distinct subjects).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet calls [GlobalCleanup], which disposes them; benchmark classes must not be sealed.")]
public class RateLimiterBenchmarks
{
    private const int NewCallers = 1_000;

    // Large enough that no request of a run is refused: the admitted path is the one every request pays.
    private readonly SecureApiOptions _options = new() { RateLimitPermits = 1_000_000_000, RateLimitWindowSeconds = 60 };
    private readonly ClaimsPrincipal _one = Principal("bench-user");
    private readonly ClaimsPrincipal[] _many = [.. Enumerable.Range(0, NewCallers).Select(i => Principal($"bench-user-{i}"))];
    private RateLimitPolicies _policies = null!;
    private SecureApiRateLimiter _limiter = null!;

    [GlobalSetup]
    public void Setup()
    {
        _policies = RateLimitPolicies.From(_options);
        _limiter = new SecureApiRateLimiter(_policies);
    }

    [GlobalCleanup]
    public void Cleanup() => _limiter.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("One caller")]
    public object OneCallerNoLimiter() => Request(_one);

    [Benchmark, BenchmarkCategory("One caller")]
    public bool OneCallerDefaultLimiter()
    {
        var context = Request(_one);
        using var lease = _limiter.AttemptAcquire(context);
        return lease.IsAcquired;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = NewCallers), BenchmarkCategory("New callers")]
    public int NewCallersNoLimiter()
    {
        var made = 0;
        foreach (var principal in _many)
        {
            made += Request(principal).Items.Count;
        }

        return made;
    }

    [Benchmark(OperationsPerInvoke = NewCallers), BenchmarkCategory("New callers")]
    public int NewCallersDefaultLimiter()
    {
        var admitted = 0;
        using var limiter = new SecureApiRateLimiter(_policies);
        foreach (var principal in _many)
        {
            using var lease = limiter.AttemptAcquire(Request(principal));
            admitted += lease.IsAcquired ? 1 : 0;
        }

        return admitted;
    }

    private static DefaultHttpContext Request(ClaimsPrincipal user)
    {
        var context = new DefaultHttpContext { User = user };
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        _ = Caller.Find(context); // CallerRequiredMiddleware reads (and caches) the caller before the limiter runs
        return context;
    }

    private static ClaimsPrincipal Principal(string subject) =>
        new(new ClaimsIdentity([new Claim("sub", subject)], authenticationType: "Bearer"));
}
