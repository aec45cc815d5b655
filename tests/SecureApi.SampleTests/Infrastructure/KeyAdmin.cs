using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SecureApi.SampleTests.Infrastructure;

/// <summary>A stored key as the admin endpoints write it.</summary>
public sealed record ApiKeyDto(string Id, string Subject, string? Tenant, List<string> Roles, List<string> Scopes, string Kind, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? Tier);

public sealed record MintedDto(string Key, ApiKeyDto Info);

/// <summary>
/// Mints and revokes keys through <c>/admin/keys</c> as the admin (ada), asserting success. A key is a person's own
/// (kind <c>user</c>, the people's scopes) unless a test says otherwise, so it can use the notes endpoints.
/// </summary>
public static class KeyAdmin
{
    public static async Task<MintedDto> MintAsync(SampleFactory factory, string subject, string? tenant = null, string? roles = null, string? scopes = "notes:read notes:write docs:read docs:write", string kind = "user", string? tier = null)
    {
        using var response = await factory.ClientFor("ada").PostAsync("/admin/keys", Api.JsonOf(new { subject, tenant, roles, scopes, kind, tier, name = "test key for " + subject }));
        await Api.AssertStatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<MintedDto>(Api.Options))!;
    }

    public static async Task RevokeAsync(SampleFactory factory, string id)
    {
        using var response = await factory.ClientFor("ada").DeleteAsync("/admin/keys/" + id);
        await Api.AssertStatusAsync(response, HttpStatusCode.NoContent);
    }

    /// <summary>A client that sends <paramref name="key"/> as <c>X-Api-Key</c> (not cached: each test's own).</summary>
    public static HttpClient ClientWithKey(SampleFactory factory, string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>The status of one authenticated read that touches no data of its own: <c>GET /notes</c>.</summary>
    public static async Task<HttpStatusCode> StatusWithAsync(SampleFactory factory, string key)
    {
        using var client = ClientWithKey(factory, key);
        using var response = await client.GetAsync("/notes");
        return response.StatusCode;
    }

    public static string Json(object value) => JsonSerializer.Serialize(value, Api.Options);
}
