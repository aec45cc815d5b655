using System.Net;

namespace SecureApi.IntegrationTests;

/// <summary>
/// The security headers on real Kestrel, whose response headers differ from the in-memory test server's (known headers
/// in fields, the rest in a dictionary of their own): every header on a success, on ProblemDetails errors from a
/// generated handler and from the exception handler (both clear the response first), on a 401 and on a 429.
/// </summary>
public sealed class SecurityHeaderKestrelTests : IAsyncDisposable
{
    private readonly TestServiceFactory _factory = new();
    private readonly HttpClient _client;

    public SecurityHeaderKestrelTests()
    {
        _factory.Settings["SecureApi:RateLimitPermits"] = "1";
        _factory.Settings["SecureApi:RateLimitWindowSeconds"] = "60";
        _client = new HttpClient { BaseAddress = KestrelHost.StartHttp(_factory) };
    }

    public static TheoryData<string, string?, HttpStatusCode> Cases => new()
    {
        { "/probe/health", null, HttpStatusCode.OK },
        { "/widgets/me", null, HttpStatusCode.Unauthorized },
        { "/widgets/boom", "alice", HttpStatusCode.InternalServerError },       // a generated handler's failure path
        { "/widgets/" + Guid.Empty, "alice", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryHeaderIsOnTheResponse(string path, string? subject, HttpStatusCode status)
    {
        using var response = await GetAsync(path, subject);

        Assert.Equal((status, ""), (response.StatusCode, Missing(response, SecurityHeaderTests.Expected)));
    }

    [Fact]
    public async Task EveryHeaderIsOnTheExceptionHandlersAnswer()
    {
        // The exception handler's own Cache-Control ("no-cache,no-store") replaces the default; it still forbids storing.
        using var response = await GetAsync("/hand-mapped/boom", "alice");

        Assert.Equal(
            (HttpStatusCode.InternalServerError, "", true),
            (response.StatusCode, Missing(response, SecurityHeaderTests.Expected.Where(h => h.Key != "Cache-Control")), response.Headers.CacheControl?.NoStore));
    }

    [Fact]
    public async Task EveryHeaderIsOnARateLimitRejection()
    {
        (await GetAsync("/limited", "bob")).Dispose();

        using var rejected = await GetAsync("/limited", "bob");

        Assert.Equal((HttpStatusCode.TooManyRequests, ""), (rejected.StatusCode, Missing(rejected, SecurityHeaderTests.Expected)));
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? subject)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (subject is not null)
        {
            request.Headers.Add("X-Test-Subject", subject);
        }

        return await _client.SendAsync(request);
    }

    /// <summary>The expected headers absent or different, one per line; empty when all are there.</summary>
    private static string Missing(HttpResponseMessage response, IEnumerable<KeyValuePair<string, string>> expected) =>
        string.Join("\n", expected
            .Where(h => !response.Headers.TryGetValues(h.Key, out var values) || !values.SequenceEqual([h.Value]))
            .Select(h => h.Key));
}
