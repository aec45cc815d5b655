using System.Net;
using System.Text.Json.Nodes;

namespace SecureApi.SampleTests.Infrastructure;

/// <summary>The sample's OpenAPI document: as served at /openapi/v1.json, and as its build wrote it.</summary>
public static class OpenApiDocument
{
    public static async Task<JsonObject> ServedAsync(SampleFactory factory)
    {
        using var response = await factory.AnonymousClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>bin/&lt;configuration&gt;/net10.0/openapi/v1.json of the sample, the configuration these tests were built in.</summary>
    public static string BuildTimePath()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // …/bin/<configuration>/net10.0/
        return Path.Combine(SampleCommand.SampleDirectory(), "bin", configuration, "net10.0", "openapi", "v1.json");
    }

    public static JsonObject Operation(JsonObject document, string path, string method) =>
        document["paths"]![path]![method]!.AsObject();

    public static IReadOnlyList<string> Statuses(JsonObject operation) =>
        [.. operation["responses"]!.AsObject().Select(pair => pair.Key).Order(StringComparer.Ordinal)];

    public static JsonObject Parameter(JsonObject operation, string name) =>
        operation["parameters"]!.AsArray().Select(p => p!.AsObject()).Single(p => (string?)p["name"] == name);

    public static JsonObject Schema(JsonObject document, string name) => document["components"]!["schemas"]![name]!.AsObject();
}
