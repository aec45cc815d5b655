using SecureApi.SampleTests.OpenApi;

namespace SecureApi.SampleTests;

/// <summary>The test-side OpenAPI reader, on a hand-written document.</summary>
public sealed class OpenApiDescriptionTests
{
    private readonly OpenApiDescription _document = HandWrittenDocument.Parse();

    [Fact]
    public void EveryOperationIsReadWithItsMethodAndPath() =>
        Assert.Equal(
            ["GET /notes", "POST /notes", "GET /notes/{id}", "GET /notes/export", "POST /admin/keys", "GET /info"],
            _document.Operations.Select(o => o.Name));

    [Fact]
    public void APathLevelParameterReachedThroughARefBelongsToTheOperation()
    {
        var parameter = Assert.Single(_document.Operation("GET /notes/{id}").Parameters);

        Assert.Equal(("id", "path", true, "uuid"), (parameter.Name, parameter.In, parameter.Required, parameter.Schema["format"]!.GetValue<string>()));
    }

    [Fact]
    public void TheRequestBodySchemaIsResolved() =>
        Assert.Equal(200, _document.Operation("POST /notes").RequestBody!.Schema["properties"]!["title"]!["maxLength"]!.GetValue<int>());

    [Fact]
    public void AnOperationWithoutSecurityInheritsTheDocumentsAndAnEmptyListIsAnonymous()
    {
        Assert.Equal("apiKey", Assert.Single(Assert.Single(_document.Operation("GET /notes/{id}").Security)).Key);
        Assert.False(_document.Operation("GET /notes/{id}").IsAnonymous);
        Assert.True(_document.Operation("GET /info").IsAnonymous);
    }

    [Fact]
    public void ALiteralSegmentMatchesBeforeAParameter()
    {
        Assert.Equal("GET /notes/export", _document.Match("GET", "/notes/export")!.Name);
        Assert.Equal("GET /notes/{id}", _document.Match("get", "/notes/0199a5c4-0000-7000-8000-000000000001")!.Name);
        Assert.Null(_document.Match("DELETE", "/notes/x"));
        Assert.Null(_document.Match("GET", "/notes/x/y"));
    }

    [Theory]
    [InlineData("GET /notes/{id}", 404, true)]
    [InlineData("GET /notes/{id}", 418, true)] // 4XX
    [InlineData("GET /notes/{id}", 503, false)]
    [InlineData("POST /admin/keys", 503, true)] // default
    [InlineData("GET /info", 204, false)]
    public void AStatusIsListedExactlyByRangeOrByDefault(string operation, int status, bool listed) =>
        Assert.Equal(listed, _document.Operation(operation).Lists(status));
}
