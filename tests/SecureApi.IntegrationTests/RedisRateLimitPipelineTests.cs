using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.RateLimiting;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Shared budgets end to end: two real Kestrel hosts (two instances) set up with AddSecureApi/UseSecureApi and
/// <c>SecureApi:RateLimiting:Redis</c> spend one budget of the built-in <c>anonymous</c> policy through one redis-server.
/// </summary>
public sealed class RedisRateLimitPipelineTests
{
    [Fact]
    public async Task ASecondInstanceRejectsOnceTheFirstHasSpentTheSharedBudget()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = "secureapi:test-" + Guid.NewGuid().ToString("N");
        await using var first = await StartInstanceAsync(redis, prefix);
        await using var second = await StartInstanceAsync(redis, prefix);
        using var client = new HttpClient();
        for (var i = 0; i < 2; i++)
        {
            using var admitted = await client.GetAsync(Address(first));
            admitted.EnsureSuccessStatusCode();
        }

        using var response = await client.GetAsync(Address(second));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a shared refusal names its wait");
    }

    [Fact]
    public async Task WithRedisDownFromTheStartTheHostStartsAndLimitsHoldLocally()
    {
        await using var redis = await RedisServer.StartAsync();
        await redis.StopAsync(); // configured, but unreachable before the first request
        await using var instance = await StartInstanceAsync(redis, "secureapi:test-" + Guid.NewGuid().ToString("N"));
        using var client = new HttpClient();
        for (var i = 0; i < 2; i++)
        {
            using var admitted = await client.GetAsync(Address(instance));
            admitted.EnsureSuccessStatusCode();
        }

        using var response = await client.GetAsync(Address(instance));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Theory]
    [InlineData(RateLimitKind.FixedWindow)]
    [InlineData(RateLimitKind.SlidingWindow)]
    [InlineData(RateLimitKind.TokenBucket)]
    public async Task EveryKindsRateLimitHeaderSaysWhatTheSharedBudgetHasLeft(RateLimitKind kind)
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = "secureapi:test-" + Guid.NewGuid().ToString("N");
        await using var first = await StartInstanceAsync(redis, prefix, kind);
        await using var second = await StartInstanceAsync(redis, prefix, kind);
        using var client = new HttpClient();

        using var one = await client.GetAsync(Address(first));
        using var two = await client.GetAsync(Address(second));

        Assert.Equal(
            ["\"anonymous\";r=1;t=61", "\"anonymous\";r=0;t=61"],
            [one.Headers.GetValues("RateLimit").Single(), two.Headers.GetValues("RateLimit").Single()]);
    }

    [Theory]
    [InlineData(RateLimitKind.SlidingWindow)]
    [InlineData(RateLimitKind.TokenBucket)]
    public async Task ASecondInstanceRejectsOnceTheFirstHasSpentTheSharedBudgetOfAnyKind(RateLimitKind kind)
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = "secureapi:test-" + Guid.NewGuid().ToString("N");
        await using var first = await StartInstanceAsync(redis, prefix, kind);
        await using var second = await StartInstanceAsync(redis, prefix, kind);
        using var client = new HttpClient();
        for (var i = 0; i < 2; i++)
        {
            using var admitted = await client.GetAsync(Address(first));
            admitted.EnsureSuccessStatusCode();
        }

        using var response = await client.GetAsync(Address(second));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task ARequestInFlightOnOneInstanceTakesTheSharedConcurrencySlot()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = "secureapi:test-" + Guid.NewGuid().ToString("N");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var first = await StartInstanceAsync(redis, prefix, RateLimitKind.Concurrency, permits: 1, entered, release);
        await using var second = await StartInstanceAsync(redis, prefix, RateLimitKind.Concurrency, permits: 1, entered, release);
        using var client = new HttpClient();
        var inFlight = client.GetAsync(Address(first));
        await entered.Task;

        using var response = await client.GetAsync(Address(second));
        release.SetResult();
        (await inFlight).Dispose();

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    /// <param name="kind">When set, the <c>anonymous</c> policy becomes this kind with <paramref name="permits"/> a minute.</param>
    /// <param name="entered">Signalled when the first request reaches the handler, which then waits for <paramref name="release"/>.</param>
    private static async Task<WebApplication> StartInstanceAsync(
        RedisServer redis, string prefix, RateLimitKind? kind = null, int permits = 2, TaskCompletionSource? entered = null, TaskCompletionSource? release = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Configuration["SecureApi:RateLimitPermits"] = "10"; // anonymous: a fifth, 2 a minute per address
        builder.Configuration["SecureApi:RateLimiting:Redis:Configuration"] = redis.Configuration;
        builder.Configuration["SecureApi:RateLimiting:Redis:KeyPrefix"] = prefix;
        builder.Configuration["SecureApi:Database:SqlitePath"] = Path.Combine(Path.GetTempPath(), $"secureapi-redis-{Guid.NewGuid():N}.db");
        if (kind is { } policyKind)
        {
            builder.Configuration["SecureApi:RateLimiting:Policies:anonymous:Kind"] = policyKind.ToString();
            builder.Configuration["SecureApi:RateLimiting:Policies:anonymous:Permits"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.Configuration["SecureApi:RateLimiting:Policies:anonymous:WindowSeconds"] = "60";
        }

        builder.Services.AddSecureApi(builder.Configuration);
        var app = builder.Build();
        app.UseSecureApi();
        app.MapGet("/", async () =>
        {
            // Only the first request waits, so a wrongly admitted second one answers instead of hanging.
            if (entered is not null && release is not null && entered.TrySetResult())
            {
                await release.Task;
            }

            return "ok";
        }).AllowAnonymous();
        await app.StartAsync();
        return app;
    }
}
