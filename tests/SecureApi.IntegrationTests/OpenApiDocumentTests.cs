using System.Net;
using System.Text.Json.Nodes;

namespace SecureApi.IntegrationTests;

/// <summary>
/// The test service's OpenAPI document follows each declaration: an opted-out limit has no 429, an exempt anonymous probe
/// no 503, a hand-written IResult says its statuses are its own.
/// </summary>
public sealed class OpenApiDocumentTests : IClassFixture<TestServiceFactory>
{
    private readonly Lazy<Task<JsonObject>> _document;

    public OpenApiDocumentTests(TestServiceFactory factory) =>
        _document = new(async () =>
        {
            using var response = await factory.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        });

    [Fact]
    public async Task AnEndpointWithRateLimitingDisabledHasNo429()
    {
        var document = await _document.Value;

        Assert.False(Responses(document, "/unlimited/open").ContainsKey("429"));
        Assert.Equal("disabled", (string?)document["paths"]!["/unlimited/open"]!["get"]!["x-secureapi-rate-limit"]);
        Assert.True(Responses(document, "/unlimited/counted").ContainsKey("429"));
    }

    [Fact]
    public async Task AnAnonymousProbeExemptFromLoadSheddingHasNo503()
    {
        var document = await _document.Value;
        var health = document["paths"]!["/probe/health"]!["get"]!;

        Assert.False(Responses(document, "/probe/health").ContainsKey("503"));
        Assert.False(Responses(document, "/probe/health").ContainsKey("401"));
        Assert.Equal("exempt", (string?)health["x-secureapi-load-shedding"]);
    }

    [Fact]
    public async Task AHandWrittenResultSaysItsStatusesAreItsOwn()
    {
        var document = await _document.Value;
        var admin = document["paths"]!["/widgets/admin"]!["get"]!;

        Assert.StartsWith("The handler's own result", (string?)admin["responses"]!["200"]!["description"], StringComparison.Ordinal);
        Assert.Null(admin["responses"]!["200"]!["content"]);
        Assert.Equal("""[["admin"]]""", admin["x-secureapi-roles"]!.ToJsonString());
    }

    [Theory]
    [InlineData("/widgets/{id:guid}", "/widgets/{id}")]
    [InlineData("widgets/{id?}", "/widgets/{id}")]
    [InlineData("/files/{**path}", "/files/{path}")]
    [InlineData("/a/{x:int:min(1)}/b/{y}", "/a/{x}/b/{y}")]
    public void RoutesBecomePathsWithoutConstraints(string route, string path)
    {
        Assert.Equal(path, SecureApi.OpenApi.OperationWriter.PathOf(route));
    }

    private static JsonObject Responses(JsonObject document, string path) => document["paths"]![path]!["get"]!["responses"]!.AsObject();
}
