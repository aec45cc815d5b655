using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

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

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    private static async Task<WebApplication> StartInstanceAsync(RedisServer redis, string prefix)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Configuration["SecureApi:RateLimitPermits"] = "10"; // anonymous: a fifth, 2 a minute per address
        builder.Configuration["SecureApi:RateLimiting:Redis:Configuration"] = redis.Configuration;
        builder.Configuration["SecureApi:RateLimiting:Redis:KeyPrefix"] = prefix;
        builder.Configuration["SecureApi:Database:SqlitePath"] = Path.Combine(Path.GetTempPath(), $"secureapi-redis-{Guid.NewGuid():N}.db");
        builder.Services.AddSecureApi(builder.Configuration);
        var app = builder.Build();
        app.UseSecureApi();
        app.MapGet("/", () => "ok").AllowAnonymous();
        await app.StartAsync();
        return app;
    }
}
