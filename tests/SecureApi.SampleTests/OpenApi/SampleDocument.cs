using SecureApi.SampleTests.Infrastructure;

namespace SecureApi.SampleTests.OpenApi;

/// <summary>
/// The sample's OpenAPI document as the sample serves it (<c>GET /openapi/v1.json</c> in Development), fetched once per
/// test run from a host of its own, so what is checked is exactly what a client would read.
/// </summary>
public static class SampleDocument
{
    public const string Path = "/openapi/v1.json";

    private static readonly Lazy<Task<OpenApiDescription>> s_document = new(LoadAsync);
    private static readonly Lazy<Task<DocumentedStatuses>> s_statuses = new(async () => new DocumentedStatuses(await s_document.Value));

    public static Task<OpenApiDescription> GetAsync() => s_document.Value;

    public static Task<DocumentedStatuses> StatusesAsync() => s_statuses.Value;

    /// <summary>For xunit's member data, which is not asynchronous.</summary>
    public static OpenApiDescription Get() => GetAsync().GetAwaiter().GetResult();

    private static async Task<OpenApiDescription> LoadAsync()
    {
        await using var target = new SqliteTarget();
        await using var factory = new SampleFactory(target) { ChecksStatuses = false };
        using var client = factory.Server.CreateClient();
        using var response = await client.GetAsync(Path);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? OpenApiDescription.Parse(text)
            : throw new InvalidOperationException($"The sample did not serve its OpenAPI document: GET {Path} answered {(int)response.StatusCode}.");
    }
}
