using System.Globalization;
using System.Net;

namespace SecureApi.IntegrationTests;

/// <summary>
/// With <c>SecureApi:RateLimiting:Redis</c> configured, a lockout is shared: failures on one instance lock the account on
/// another (two test-service instances on real Kestrel, one redis-server). While Redis is down, lockouts hold per instance.
/// </summary>
public sealed class RedisLockoutTests
{
    private const string AlicePassword = "correct horse battery staple";

    [Fact]
    public async Task FailuresOnOneInstanceLockTheAccountOnAnother()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = "secureapi:test-" + Guid.NewGuid().ToString("N");
        await using var first = Factory(redis, prefix);
        await using var second = Factory(redis, prefix);
        using var toFirst = Start(first);
        using var toSecond = Start(second);
        await FailAsync(toFirst, "alice", 5);

        using var response = await SignInAsync(toSecond, "alice", AlicePassword, "198.51.100.1");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task WithRedisDownTheLockoutHoldsOnTheInstance()
    {
        await using var redis = await RedisServer.StartAsync();
        await redis.StopAsync(); // configured, but unreachable
        await using var factory = Factory(redis, "secureapi:test-" + Guid.NewGuid().ToString("N"));
        using var client = Start(factory);
        await FailAsync(client, "alice", 5);

        using var response = await SignInAsync(client, "alice", AlicePassword, "198.51.100.1");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    private static TestServiceFactory Factory(RedisServer redis, string prefix)
    {
        var factory = new TestServiceFactory();
        factory.Settings["SecureApi:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        factory.Settings["SecureApi:RateLimiting:Redis:Configuration"] = redis.Configuration;
        factory.Settings["SecureApi:RateLimiting:Redis:KeyPrefix"] = prefix;
        return factory;
    }

    private static HttpClient Start(TestServiceFactory factory) => new() { BaseAddress = KestrelHost.StartHttp(factory) };

    /// <summary>Wrong passwords for <paramref name="account"/>, each from an address of its own (so no address is locked).</summary>
    private static async Task FailAsync(HttpClient client, string account, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            using var failed = await SignInAsync(client, account, "wrong password", "203.0.113." + i.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        }
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string account, string password, string from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/sign-in", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("account", account), new("password", password)]),
        };
        request.Headers.Add("X-Forwarded-For", from);
        return await client.SendAsync(request);
    }
}
