using System.Net;
using System.Text.Json;
using Xunit;

namespace SecureApi.Testing;

/// <summary>A ProblemDetails response read back for assertions.</summary>
public sealed record Problem(HttpStatusCode Status, string ContentType, JsonElement Body, string Text)
{
    /// <summary>The <c>errors</c> member of a validation problem, by key; empty when there is none.</summary>
    public IReadOnlyDictionary<string, string[]> Errors =>
        Body.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray())
            : new Dictionary<string, string[]>();

    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return new Problem(response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", document.RootElement.Clone(), text);
    }

    /// <summary>Asserts an <c>application/problem+json</c> response with <paramref name="status"/> and returns it.</summary>
    public static async Task<Problem> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await ReadAsync(response);
        Assert.Equal(status, problem.Status);
        Assert.Equal("application/problem+json", problem.ContentType);
        Assert.Equal((int)status, problem.Body.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 validation problem whose errors name <paramref name="key"/>.</summary>
    public static async Task<Problem> AssertValidationAsync(HttpResponseMessage response, string key)
    {
        var problem = await AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.ContainsKey(key), $"Expected an error for '{key}', got: {problem.Text}");
        return problem;
    }
}
