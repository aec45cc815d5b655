using System.Net;
using SecureApi.SampleTests.Infrastructure;

namespace SecureApi.SampleTests;

/// <summary>
/// The document and its reference page are served in Development only, unless SecureApi:OpenApi:Enabled says otherwise;
/// and the document follows the running configuration (here: load shedding).
/// </summary>
public sealed class OpenApiExposureTests
{
    private static readonly string CursorKey = Convert.ToBase64String(new byte[32]);

    [Fact]
    public async Task OutsideDevelopmentTheDocumentIsNotServedByDefault()
    {
        await using var storage = new SqliteTarget();
        await using var factory = Production(storage, []);
        using var client = AliceOverHttps(factory);

        using var document = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var page = await client.GetAsync(new Uri("/scalar/", UriKind.Relative));

        // Asked by an authenticated caller, so "not mapped" is a 404 rather than the 401 every unknown path gets.
        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task OutsideDevelopmentTheSettingServesTheDocumentWithoutThePage()
    {
        await using var storage = new SqliteTarget();
        await using var factory = Production(storage, new() { ["SecureApi:OpenApi:Enabled"] = "true" });
        using var client = AliceOverHttps(factory);

        using var document = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var page = await client.GetAsync(new Uri("/scalar/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task WithLoadSheddingOffAnAnonymousEndpointWithoutDataHasNo503()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory(new Dictionary<string, string?> { ["SecureApi:LoadShedding:Enabled"] = "false" });

        var document = await OpenApiDocument.ServedAsync(factory);

        Assert.Equal(["200", "400", "403", "429", "500"], OpenApiDocument.Statuses(OpenApiDocument.Operation(document, "/info", "get")));
    }

    [Fact]
    public async Task WithJwtConfiguredTheBearerSchemeIsDeclaredAndRequiredBesideTheApiKey()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory(SampleTokens.Settings);

        var document = await OpenApiDocument.ServedAsync(factory);
        var get = OpenApiDocument.Operation(document, "/notes/{id}", "get");

        Assert.Equal("bearer", (string?)document["components"]!["securitySchemes"]!["bearer"]!["scheme"]);
        Assert.Equal("JWT", (string?)document["components"]!["securitySchemes"]!["bearer"]!["bearerFormat"]);
        Assert.Equal("""[{"bearer":["notes:read"]},{"apiKey":["notes:read"]}]""", get["security"]!.ToJsonString());
        Assert.Equal("""["Bearer","ApiKey"]""", get["responses"]!["401"]!["headers"]!["WWW-Authenticate"]!["schema"]!["enum"]!.ToJsonString());
    }

    private static HttpClient AliceOverHttps(SampleFactory factory)
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Add("X-Api-Key", SampleFactory.NamedCallers.Single(c => c.Subject == "alice").ApiKey);
        return client;
    }

    private static SampleFactory Production(SqliteTarget storage, Dictionary<string, string?> changes)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["SecureApi:Cursors:Key"] = CursorKey,
            ["SecureApi:Database:Engine"] = "Sqlite",
        };
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }

        return new SampleFactory(storage, settings) { Environment = "Production" };
    }
}
