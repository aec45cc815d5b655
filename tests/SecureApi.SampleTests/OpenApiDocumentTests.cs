using System.Net;
using System.Text.Json.Nodes;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.OpenApiDocument;

namespace SecureApi.SampleTests;

/// <summary>
/// The sample's OpenAPI document says what the service does: per operation exactly the answers its code and pipeline can
/// give, the parameters and constraints validation enforces, the security it requires, and the SecureApi facts as
/// x-secureapi extensions. The build writes the same document to a file.
/// </summary>
public sealed class OpenApiDocumentTests(OpenApiDocumentTests.Served served) : IClassFixture<OpenApiDocumentTests.Served>
{
    private readonly SampleFactory _factory = served.Factory;
    private readonly JsonObject _document = served.Document;

    /// <summary>The sample in Development (on SQLite) and the document it serves, shared by the tests of this class.</summary>
    public sealed class Served : IAsyncLifetime
    {
        private DatabaseTarget? _storage;

        public SampleFactory Factory { get; private set; } = null!;

        public JsonObject Document { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _storage = await new SqliteEngine().CreateDatabaseAsync();
            Factory = _storage.CreateFactory();
            Document = await ServedAsync(Factory);
        }

        public async Task DisposeAsync()
        {
            await Factory.DisposeAsync();
            await _storage!.DisposeAsync();
        }
    }

    [Fact]
    public void TheBuildTimeFileIsTheServedDocument()
    {
        var file = JsonNode.Parse(File.ReadAllText(BuildTimePath()));

        Assert.True(JsonNode.DeepEquals(file, _document), "bin/…/openapi/v1.json differs from /openapi/v1.json");
    }

    [Theory]
    [InlineData("/notes/{id}", "get", "200 400 401 403 404 429 500 503")]
    [InlineData("/notes", "get", "200 400 401 403 404 429 500 503")]
    [InlineData("/notes", "post", "201 400 401 403 409 410 413 415 422 429 500 503")]
    [InlineData("/notes/{id}", "put", "200 400 401 403 404 412 413 415 422 428 429 500 503")]
    [InlineData("/notes/{id}", "patch", "200 400 401 403 404 412 413 415 422 428 429 500 503")]
    [InlineData("/notes/{id}", "delete", "204 400 401 403 404 412 429 500 503")]
    [InlineData("/admin/stats", "get", "200 400 401 403 429 500 503")]
    [InlineData("/info", "get", "200 400 403 429 500 503")]
    public void EachOperationListsExactlyTheAnswersItsCodeCanGive(string path, string method, string statuses)
    {
        Assert.Equal(statuses.Split(' '), Statuses(Operation(_document, path, method)));
    }

    [Fact]
    public void ACreateAnswers201WithLocationAndETagAndTakesAnIdempotencyKey()
    {
        var create = Operation(_document, "/notes", "post");
        var created = create["responses"]!["201"]!.AsObject();

        Assert.True((bool)created["headers"]!["Location"]!["required"]!);
        Assert.True((bool)created["headers"]!["ETag"]!["required"]!);
        Assert.Equal("#/components/schemas/Note", (string?)created["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("header", (string?)Parameter(create, "Idempotency-Key")["in"]);
        Assert.True((bool)create["requestBody"]!["required"]!);
        Assert.Equal("#/components/schemas/NewNote", (string?)create["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
    }

    [Fact]
    public void AReplaceRequiresIfMatch()
    {
        var ifMatch = Parameter(Operation(_document, "/notes/{id}", "put"), "If-Match");

        Assert.True((bool)ifMatch["required"]!);
        Assert.Equal("header", (string?)ifMatch["in"]);
    }

    [Fact]
    public void AuthenticationAndRateLimitAnswersCarryTheirHeaders()
    {
        var responses = Operation(_document, "/notes/{id}", "get")["responses"]!;

        Assert.True((bool)responses["401"]!["headers"]!["WWW-Authenticate"]!["required"]!);
        Assert.True((bool)responses["429"]!["headers"]!["Retry-After"]!["required"]!);
        Assert.True((bool)responses["503"]!["headers"]!["Retry-After"]!["required"]!);
        Assert.Equal("#/components/schemas/ValidationProblem", (string?)responses["400"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]);
    }

    [Fact]
    public void RouteAndListParametersHaveTheirTypesAndAllowLists()
    {
        var id = Parameter(Operation(_document, "/notes/{id}", "get"), "id");
        var list = Operation(_document, "/notes", "get");

        Assert.Equal("path", (string?)id["in"]);
        Assert.Equal("uuid", (string?)id["schema"]!["format"]);
        Assert.Equal(["title", "-title", "createdAt", "-createdAt"], Parameter(list, "sort")["schema"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("100", Parameter(list, "limit")["schema"]!["maximum"]!.ToJsonString());
        Assert.Equal(1024, (int)Parameter(list, "filter.title")["schema"]!["maxLength"]!);
        Assert.DoesNotContain(list["parameters"]!.AsArray(), p => (string?)p!["name"] == "filter.body");
    }

    [Fact]
    public void RequestSchemasCarryTheValidationRulesAndRefuseUnknownMembers()
    {
        var newNote = Schema(_document, "NewNote");
        var newKey = Schema(_document, "NewApiKey");

        Assert.Equal(200, (int)newNote["properties"]!["title"]!["maxLength"]!);
        Assert.Equal(10_000, (int)newNote["properties"]!["body"]!["maxLength"]!);
        Assert.Equal(["title", "body"], newNote["required"]!.AsArray().Select(v => (string?)v));
        Assert.False((bool)newNote["additionalProperties"]!);
        Assert.Equal("""["null","string"]""", newNote["properties"]!["privateNote"]!["type"]!.ToJsonString());
        Assert.Equal(1, (int)newKey["properties"]!["lifetimeDays"]!["minimum"]!);
        Assert.Equal(365, (int)newKey["properties"]!["lifetimeDays"]!["maximum"]!);
        Assert.Equal("^[A-Za-z0-9_-]+$", (string?)newKey["properties"]!["tier"]!["pattern"]);
        Assert.Equal(["user", "service", "agent"], Schema(_document, "ClientKind")["enum"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public void ServerOwnedMembersAreAbsentFromRequestsAndSensitiveOnesFromResponses()
    {
        var request = Schema(_document, "NewNote")["properties"]!.AsObject();
        var response = Schema(_document, "Note")["properties"]!.AsObject();

        Assert.Equal(["title", "body", "privateNote", "pinned"], request.Select(p => p.Key));
        Assert.False(response.ContainsKey("moderationFlag"));
        Assert.Equal("int64", (string?)response["version"]!["format"]);
    }

    [Fact]
    public void EveryProtectedOperationRequiresTheApiKeySchemeWithItsScopes()
    {
        var scheme = _document["components"]!["securitySchemes"]!["apiKey"]!;
        var get = Operation(_document, "/notes/{id}", "get");

        Assert.Equal("X-Api-Key", (string?)scheme["name"]);
        Assert.Equal("""[{"apiKey":["notes:read"]}]""", get["security"]!.ToJsonString());
        Assert.Null(Operation(_document, "/info", "get")["security"]);
        Assert.All(
            _document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => op.Value!.AsObject())).Where(op => !(bool)op["x-secureapi-anonymous"]!),
            op => Assert.NotEmpty(op["security"]!.AsArray()));
    }

    [Fact]
    public void RolesClientKindsScopingAndRateLimitsAreVendorExtensions()
    {
        var delete = Operation(_document, "/notes/{id}", "delete");
        var adminList = Operation(_document, "/admin/notes", "get");

        Assert.Equal("""["user"]""", delete["x-secureapi-client-kinds"]!.ToJsonString());
        Assert.Equal("owner", (string?)delete["x-secureapi-scoping"]);
        Assert.Equal("per-user", (string?)delete["x-secureapi-rate-limit"]);
        Assert.Equal("""[["admin"]]""", adminList["x-secureapi-roles"]!.ToJsonString());
        Assert.Equal("admin", (string?)adminList["x-secureapi-scoping"]);
        Assert.Equal(65536, (long)Operation(_document, "/notes", "post")["x-secureapi-max-body-bytes"]!);
        Assert.Equal("tenant", (string?)Operation(_document, "/team-docs/{id}", "get")["x-secureapi-scoping"]);
    }

    [Fact]
    public void OperationsCarryNamesTagsAndTheDocComments()
    {
        var delete = Operation(_document, "/notes/{id}", "delete");

        Assert.Equal("NotesApi.Delete", (string?)delete["operationId"]);
        Assert.Equal("""["NotesApi"]""", delete["tags"]!.ToJsonString());
        Assert.Equal("Deleting cannot be undone: the person themself, never an agent acting for them.", (string?)delete["summary"]);
    }

    [Fact]
    public async Task TheScalarPageIsServedInDevelopmentWithItsOwnContentSecurityPolicy()
    {
        using var page = await _factory.AnonymousClient().GetAsync(new Uri("/scalar/", UriKind.Relative));
        using var script = await _factory.AnonymousClient().GetAsync(new Uri("/scalar/scalar.js", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(html, "<script type=\"module\" nonce=\"([^\"]+)\">").Groups[1].Value;

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("\"telemetry\":false", html, StringComparison.Ordinal);
        Assert.NotEmpty(nonce);
        Assert.Equal(
            $"default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            policy);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task EveryOtherRouteKeepsTheClosedContentSecurityPolicy()
    {
        using var document = await _factory.AnonymousClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal("default-src 'none'; frame-ancestors 'none'", document.Headers.GetValues("Content-Security-Policy").Single());
    }
}
