using System.Net;
using System.Net.Http.Json;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// The <c>ApiKey</c> scheme with the sample's development keys: a valid key in either header form authenticates its
/// subject; anything else — unknown, malformed, empty, repeated, two headers that disagree, a near miss of a valid key —
/// is the same 401 with <c>WWW-Authenticate: ApiKey</c>. One engine is enough: no data is involved.
/// </summary>
public sealed class ApiKeyTests(ClassDatabase database) : SampleTestBase(database, new SqliteEngine())
{
    private const string AliceKey = "dev-alice-key";
    private const string BobKey = "dev-bob-key";

    /// <summary>Header lines as sent: each pair is one header line, so a name given twice is a repeated header.</summary>
    public static TheoryData<string, string[]> Refused => new()
    {
        { "unknown key", ["X-Api-Key", "dev-mallory-key"] },
        { "unknown key, Authorization form", ["Authorization", "ApiKey dev-mallory-key"] },
        { "malformed key", ["X-Api-Key", "%%%not a key%%%"] },
        { "empty X-Api-Key", ["X-Api-Key", ""] },
        { "blank key after the scheme", ["Authorization", "ApiKey    "] },
        { "scheme without a key", ["Authorization", "ApiKey"] },
        { "no space after the scheme", ["Authorization", "ApiKey" + AliceKey] },
        { "another scheme", ["Authorization", "Bearer " + AliceKey] },
        { "key and extra words", ["Authorization", "ApiKey " + AliceKey + " extra"] },
        { "X-Api-Key repeated with the same valid key", ["X-Api-Key", AliceKey, "X-Api-Key", AliceKey] },
        { "X-Api-Key repeated with two valid keys", ["X-Api-Key", AliceKey, "X-Api-Key", BobKey] },
        { "Authorization repeated", ["Authorization", "ApiKey " + AliceKey, "Authorization", "ApiKey " + AliceKey] },
        { "both headers, different valid keys", ["Authorization", "ApiKey " + AliceKey, "X-Api-Key", BobKey] },
        { "both headers, Authorization invalid", ["Authorization", "ApiKey dev-mallory-key", "X-Api-Key", AliceKey] },
        { "both headers, X-Api-Key invalid", ["Authorization", "ApiKey " + AliceKey, "X-Api-Key", "dev-mallory-key"] },
        { "a valid key's prefix", ["X-Api-Key", AliceKey[..^1]] },
        { "a valid key extended", ["X-Api-Key", AliceKey + "-and-more"] },
        { "a valid key with its last character changed", ["X-Api-Key", AliceKey[..^1] + "z"] },
        { "a valid key in another case", ["X-Api-Key", AliceKey.ToUpperInvariant()] },
        { "a valid key's SHA-256 hash", ["X-Api-Key", "724c3a14d3ea8b29272df65af1388d5d2f8db3bb8838f97832ee174011b5bd02"] },
    };

    public static TheoryData<string, string[]> Accepted => new()
    {
        { "X-Api-Key", ["X-Api-Key", AliceKey] },
        { "Authorization: ApiKey", ["Authorization", "ApiKey " + AliceKey] },
        { "Authorization: apikey (scheme names ignore case)", ["Authorization", "apikey " + AliceKey] },
        { "both headers with the same key", ["Authorization", "ApiKey " + AliceKey, "X-Api-Key", AliceKey] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task AnythingButOneValidKeyIs401WithTheApiKeyChallenge(string why, string[] headers)
    {
        using var response = await Factory.AnonymousClient().SendAsync(Request(HttpMethod.Get, "/notes", headers));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.True(response.Headers.WwwAuthenticate.ToString() == "ApiKey", $"{why}: WWW-Authenticate is '{response.Headers.WwwAuthenticate}'");
        Assert.False(problem.Text.Contains("alice", StringComparison.Ordinal), why);
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task AValidKeyInEitherFormAuthenticatesItsSubject(string why, string[] headers)
    {
        using var request = Request(HttpMethod.Post, "/notes", headers);
        request.Content = JsonOf(new { title = "api-key " + why, body = "b" });

        using var response = await Factory.AnonymousClient().SendAsync(request);

        await AssertStatusAsync(response, HttpStatusCode.Created);
        var note = await response.Content.ReadFromJsonAsync<NoteDto>(Options);
        Assert.Equal("alice", note!.OwnerId);
    }

    /// <summary>
    /// Keys are compared as SHA-256 hashes with a fixed-time comparison, never as text: a key that shares all but its
    /// last character with a valid one gets exactly the answer a random key gets (status, challenge, problem body).
    /// </summary>
    [Fact]
    public async Task ANearMissOfAValidKeyIsAnsweredExactlyLikeARandomKey()
    {
        var random = await RefusalAsync(Convert.ToHexString(Guid.NewGuid().ToByteArray()));

        foreach (var nearMiss in new[] { AliceKey[..^1], AliceKey[..^1] + "z", AliceKey + "x", AliceKey + " " + AliceKey })
        {
            Assert.Equal(random, await RefusalAsync(nearMiss));
        }
    }

    /// <summary>Everything a client learns from a refusal except the per-request trace id.</summary>
    private async Task<string> RefusalAsync(string key)
    {
        using var response = await Factory.AnonymousClient().SendAsync(Request(HttpMethod.Get, "/notes", ["X-Api-Key", key]));
        var problem = await Problem.ReadAsync(response);
        var members = problem.Body.EnumerateObject().Where(m => m.Name != "traceId").Select(m => m.Name + "=" + m.Value.GetRawText());
        return $"{(int)response.StatusCode} {response.Headers.WwwAuthenticate} {response.Content.Headers.ContentType} {string.Join(";", members)}";
    }

    private static HttpRequestMessage Request(HttpMethod method, string uri, string[] headers)
    {
        var request = new HttpRequestMessage(method, uri);
        for (var i = 0; i < headers.Length; i += 2)
        {
            Assert.True(request.Headers.TryAddWithoutValidation(headers[i], headers[i + 1]), $"Could not add {headers[i]}");
        }

        return request;
    }
}
