using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace SecureApi.IntegrationTests;

/// <summary>The built-in <c>per-user</c> policy: a fixed window per caller, rejections as 429 ProblemDetails with Retry-After.</summary>
public sealed class RateLimitTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    [Fact]
    public async Task CallerOverTheLimitGets429ProblemWithRetryAfterWhileOthersAreServed()
    {
        await using var limited = factory.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SecureApi:RateLimitPermits"] = "2",
            ["SecureApi:RateLimitWindowSeconds"] = "60",
        })));
        using var _ = limited;
        var alice = ClientFor(limited, "alice");

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/limited")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/limited")).StatusCode);
        var rejected = await alice.GetAsync("/limited");

        var problem = await Problem.ReadAsync(rejected);
        Assert.Equal(HttpStatusCode.TooManyRequests, problem.Status);
        Assert.Equal("application/problem+json", problem.ContentType);
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.Body.GetProperty("type").GetString());
        Assert.True(int.Parse(rejected.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(HttpStatusCode.OK, (await ClientFor(limited, "bob").GetAsync("/limited")).StatusCode); // partitioned by caller
    }

    private static HttpClient ClientFor(WebApplicationFactory<Program> app, string subject)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-Subject", subject);
        return client;
    }
}
