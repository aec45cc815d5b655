using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.RateLimiting;

namespace SecureApi.IntegrationTests;

/// <summary>
/// The explicit opt-out: <c>[DisableRateLimiting]</c> on a declaration (SAPI047 warns of it) or <c>.DisableRateLimiting()</c>
/// on a hand-mapped endpoint is never limited and gets no RateLimit headers; its sibling still is.
/// </summary>
public sealed class RateLimitOptOutTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    private const int Permits = 2;
    private const int Requests = 10;

    [Fact]
    public async Task OptedOutEndpointAnswersEveryRequestWithoutRateLimitHeaders()
    {
        await using var app = Limited();
        var alice = ClientFor(app, "alice");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < Requests; i++)
        {
            responses.Add(await alice.GetAsync("/unlimited/open"));
        }

        Assert.All(responses, response => Assert.Equal(
            (HttpStatusCode.OK, false, false),
            (response.StatusCode, response.Headers.Contains("RateLimit"), response.Headers.Contains("RateLimit-Policy"))));
    }

    [Fact]
    public async Task SiblingWithoutTheOptOutIsLimited()
    {
        await using var app = Limited();
        var alice = ClientFor(app, "alice");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Permits; i++)
        {
            statuses.Add((await alice.GetAsync("/unlimited/counted")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task HandMappedOptOutAnswersEveryRequest()
    {
        await using var app = Limited();
        var alice = ClientFor(app, "alice");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Requests; i++)
        {
            statuses.Add((await alice.GetAsync("/hand-mapped/unlimited")).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    /// <summary>
    /// The limiter itself, not only the middleware in front of it (which skips the opt-out too): whoever asks it for an
    /// opted-out endpoint gets a lease every time, and no headers.
    /// </summary>
    [Fact]
    public void GlobalLimiterGrantsEveryLeaseForAnOptedOutEndpoint()
    {
        using var app = Limited();
        var limiter = app.Services.GetRequiredService<SecureApiRateLimiter>();
        var context = new DefaultHttpContext();
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new DisableRateLimitingAttribute()), "opted out"));

        var acquired = new List<bool>();
        for (var i = 0; i < Requests; i++)
        {
            using var lease = limiter.AttemptAcquire(context);
            acquired.Add(lease.IsAcquired);
        }

        Assert.Equal((Requests, 0), (acquired.Count(a => a), context.Response.Headers.Count));
    }

    private WebApplicationFactory<Program> Limited() =>
        factory.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SecureApi:RateLimitPermits"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SecureApi:RateLimitWindowSeconds"] = "60",
        })));

    private static HttpClient ClientFor(WebApplicationFactory<Program> app, string subject)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-Subject", subject);
        return client;
    }
}
