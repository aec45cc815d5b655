using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SecureApi.SampleTests.Infrastructure;

/// <summary>A note as the API writes it (there is deliberately no <c>moderationFlag</c> member).</summary>
/// <remarks><c>body</c> is encrypted at rest, so it is null where the caller is not the owner (the admin list).</remarks>
public sealed record NoteDto(Guid Id, string OwnerId, string Title, string? Body, string? PrivateNote, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version, bool Pinned = false);

public sealed record TeamDocDto(Guid Id, string TenantId, string Title, string Content, DateTimeOffset CreatedAt, long Version);

public sealed record PageDto<T>(List<T> Items, string? NextCursor);

/// <summary>Small request helpers; every one that expects success asserts the status it expects.</summary>
public static class Api
{
    /// <summary>camelCase, and non-ASCII sent as raw UTF-8 rather than \u escapes, so the server's UTF-8 handling is exercised.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static StringContent JsonOf(object body) => RawJson(JsonSerializer.Serialize(body, Options));

    public static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    public static string ETag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string uri, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonOf(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static async Task<NoteDto> CreateNoteAsync(HttpClient client, string title, string body = "body", string? privateNote = null)
    {
        var response = await client.PostAsync("/notes", JsonOf(new { title, body, privateNote }));
        await AssertStatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<NoteDto>(Options))!;
    }

    public static async Task<NoteDto> GetNoteAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/notes/{id}");
        await AssertStatusAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<NoteDto>(Options))!;
    }

    public static async Task<TeamDocDto> CreateTeamDocAsync(HttpClient client, string title, string content = "content")
    {
        var response = await client.PostAsync("/team-docs", JsonOf(new { title, content }));
        await AssertStatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<TeamDocDto>(Options))!;
    }

    public static async Task<PageDto<T>> PageAsync<T>(HttpClient client, string uri)
    {
        var response = await client.GetAsync(uri);
        await AssertStatusAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<PageDto<T>>(Options))!;
    }

    /// <summary>Every page of a list, following <c>nextCursor</c> until it is null; also returns the pages' sizes.</summary>
    /// <param name="cursor">Where to start: a <c>nextCursor</c> from an earlier page, or null for the first page.</param>
    public static async Task<(List<T> Items, List<int> PageSizes)> ListAllAsync<T>(HttpClient client, string path, string query = "", string? cursor = null)
    {
        var items = new List<T>();
        var sizes = new List<int>();
        do
        {
            var separator = query.Length > 0 || cursor is not null ? "?" : "";
            var parts = new[] { query, cursor is null ? "" : "cursor=" + Uri.EscapeDataString(cursor) }.Where(p => p.Length > 0);
            var page = await PageAsync<T>(client, path + separator + string.Join("&", parts));
            items.AddRange(page.Items);
            sizes.Add(page.Items.Count);
            cursor = page.NextCursor;
            Assert.True(sizes.Count <= 1000, "The list never ended.");
        }
        while (cursor is not null);

        return (items, sizes);
    }

    public static async Task AssertStatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"Expected {(int)expected} {expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
