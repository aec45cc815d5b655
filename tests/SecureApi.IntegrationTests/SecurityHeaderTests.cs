using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace SecureApi.IntegrationTests;

/// <summary>
/// The six headers README lists are on every response: a success, every error the framework produces, and every error
/// a generated handler produces. An endpoint that chooses its own <c>Cache-Control</c> keeps it.
/// </summary>
public sealed class SecurityHeaderTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    public static readonly IReadOnlyDictionary<string, string> Expected = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["X-Content-Type-Options"] = "nosniff",
        ["X-Frame-Options"] = "DENY",
        ["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'",
        ["Referrer-Policy"] = "no-referrer",
        ["Cross-Origin-Resource-Policy"] = "same-origin",
        ["Cache-Control"] = "no-store",
    };

    /// <summary>Method, path, caller, body (JSON unless it starts with "text:"), and the status the case must produce.</summary>
    public static TheoryData<string, string, string?, string?, HttpStatusCode> Cases => new()
    {
        { "GET", "/probe/health", null, null, HttpStatusCode.OK },
        { "POST", "/widgets", "alice", """{"name":"gear","quantity":3,"kind":"gear"}""", HttpStatusCode.Created },
        { "GET", "/widgets/me", null, null, HttpStatusCode.Unauthorized },                                   // authentication
        { "GET", "/widgets/admin", "alice", null, HttpStatusCode.Forbidden },                                // authorisation
        { "GET", "/no/such/route", "alice", null, HttpStatusCode.NotFound },                                 // routing
        { "DELETE", "/probe/health", "alice", null, HttpStatusCode.MethodNotAllowed },                       // routing
        { "POST", "/widgets/small", "alice", "{\"text\":\"" + new string('x', 200) + "\"}", HttpStatusCode.RequestEntityTooLarge },
        { "POST", "/widgets", "alice", "text:name=gear", HttpStatusCode.UnsupportedMediaType },
        { "POST", "/widgets", "alice", """{"name":"g","quantity":0,"kind":"gear"}""", HttpStatusCode.BadRequest }, // handler: validation
        { "GET", "/widgets/" + Guid.Empty, "alice", null, HttpStatusCode.NotFound },                         // handler: null result
        { "GET", "/widgets/boom", "alice", null, HttpStatusCode.InternalServerError },                       // handler: exception
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryResponseCarriesTheSixSecurityHeaders(string method, string path, string? subject, string? body, HttpStatusCode status)
    {
        var client = subject is null ? factory.CreateClient() : factory.ClientFor(subject);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = body.StartsWith("text:", StringComparison.Ordinal)
                ? new StringContent(body["text:".Length..], System.Text.Encoding.UTF8, "text/plain")
                : TestServiceFactory.Json(body);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task ARateLimitRejectionCarriesTheSixSecurityHeaders()
    {
        await using var limited = factory.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SecureApi:RateLimitPermits"] = "1",
            ["SecureApi:RateLimitWindowSeconds"] = "60",
        })));
        var client = limited.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-Subject", "alice");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/limited")).StatusCode);
        using var rejected = await client.GetAsync("/limited");

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        AssertSecurityHeaders(rejected);
    }

    [Fact]
    public async Task AnEndpointsOwnCacheControlIsLeftAloneAndTheOtherHeadersAreStillSet()
    {
        using var response = await factory.ClientFor("alice").GetAsync("/hand-mapped/cached");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=60", string.Join(", ", response.Headers.GetValues("Cache-Control")));
        foreach (var (name, value) in Expected.Where(h => h.Key != "Cache-Control"))
        {
            Assert.Equal([value], response.Headers.GetValues(name));
        }
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        foreach (var (name, value) in Expected)
        {
            Assert.True(response.Headers.TryGetValues(name, out var values), $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} has no {name} header.");
            Assert.Equal([value], values);
        }
    }
}
