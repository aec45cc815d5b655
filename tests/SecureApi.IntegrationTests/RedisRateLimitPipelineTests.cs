using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.RateLimiting;

namespace SecureApi.IntegrationTests;

/// <summary>
/// The Redis limiter behind ASP.NET Core's rate-limiting middleware, registered from configuration the way AddSecureApi
/// does: two real Kestrel hosts (two instances) share one budget through one redis-server.
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
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Configuration["SecureApi:RateLimiting:Redis:Configuration"] = redis.Configuration;
        builder.Configuration["SecureApi:RateLimiting:Redis:KeyPrefix"] = prefix;
        Assert.True(builder.Services.AddSecureApiRedisRateLimiting(builder.Configuration));
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy("shared", context =>
            {
                var limiters = context.RequestServices.GetRequiredService<RedisRateLimiters>();
                return RateLimitPartition.Get("everyone", partition => limiters.CreateFixedWindow("shared", partition, 2, TimeSpan.FromMinutes(1)));
            });
        });
        var app = builder.Build();
        app.UseRateLimiter();
        app.MapGet("/", () => "ok").RequireRateLimiting("shared");
        await app.StartAsync();
        return app;
    }
}
