using System.Net;
using System.Text.Json;

namespace SecureApi.IntegrationTests;

/// <summary>A ProblemDetails response read back for assertions.</summary>
public sealed record Problem(HttpStatusCode Status, string ContentType, JsonElement Body)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement.Clone();
        return new Problem(response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", body);
    }

    public IReadOnlyDictionary<string, string[]> Errors =>
        Body.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray())
            : new Dictionary<string, string[]>();
}
