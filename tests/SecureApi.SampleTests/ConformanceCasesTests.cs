using System.Text.Json.Nodes;
using SecureApi.SampleTests.OpenApi;

namespace SecureApi.SampleTests;

/// <summary>The case enumerator, on a hand-written document: which constraints become cases, each breaking only its own.</summary>
public sealed class ConformanceCasesTests
{
    private readonly OpenApiDescription _document = HandWrittenDocument.Parse();
    private readonly ConformanceCases _cases;

    public ConformanceCasesTests() => _cases = new ConformanceCases(_document);

    private List<string> Names(string operation) => [.. _cases.For(_document.Operation(operation)).Where(c => c.ViolatedMember is not null).Select(c => c.Constraint)];

    private List<string> ValidNames(string operation) => [.. _cases.For(_document.Operation(operation)).Where(c => c.ViolatedMember is null).Select(c => c.Constraint)];

    [Fact]
    public void EveryDocumentedBodyConstraintIsACase() =>
        Assert.Equal(
            [
                "body notInSchema: additionalProperties false",
                "body title: required", "body title: type null", "body title: type string", "body title: maxLength 200",
                "body body: required", "body body: type null", "body body: type string", "body body: maxLength 10000", "body body: minLength 1",
                "body privateNote: type string|null", "body privateNote: maxLength 2000",
                "body meta: type null", "body meta: type object",
                "body meta.notInSchema: additionalProperties false",
                "body meta.tags: type null", "body meta.tags: type array", "body meta.tags: maxItems 3", "body meta.tags: minItems 1",
                "body meta.stars: type null", "body meta.stars: type integer", "body meta.stars: minimum 0", "body meta.stars: maximum 5", "body meta.stars: type integer (fraction)",
            ],
            Names("POST /notes"));

    [Fact]
    public void EveryDocumentedParameterConstraintIsACase()
    {
        Assert.Equal(
            ["query limit: type integer", "query limit: minimum 1", "query limit: maximum 100", "query limit: type integer (fraction)", "query sort: enum"],
            Names("GET /notes"));
        Assert.Equal(["path id: format uuid"], Names("GET /notes/{id}"));
    }

    [Fact]
    public void FormatBoundsAndEnumsBehindRefsAreCases()
    {
        var names = Names("POST /admin/keys");

        Assert.Contains("body count: format int32 upper bound", names);
        Assert.Contains("body count: format int32 lower bound", names);
        Assert.Contains("body kind: enum", names);
        Assert.Contains("body subject: pattern", names);
        Assert.Contains("body lifetimeDays: maximum 365", names);
    }

    [Fact]
    public void EveryBoundOfTheDocumentIsAValidCase()
    {
        Assert.Equal(
            [ConformanceCase.ValidConstraint, "valid query limit at minimum 1", "valid query limit at maximum 100", "valid query sort = \"title\"", "valid query sort = \"-title\""],
            ValidNames("GET /notes"));
        Assert.Equal(
            [
                ConformanceCase.ValidConstraint, "valid body title at maxLength 200", "valid body body at minLength 1", "valid body body at maxLength 10000",
                "valid body privateNote at maxLength 2000", "valid body meta.tags at maxItems 3", "valid body meta.stars at minimum 0", "valid body meta.stars at maximum 5",
            ],
            ValidNames("POST /notes"));
        Assert.Equal(200, _cases.Find("POST /notes", "valid body title at maxLength 200").Request!.Body!["title"]!.GetValue<string>().Length);
    }

    [Fact]
    public void EachViolationChangesOnlyItsMemberOfTheValidBody()
    {
        foreach (var @case in _cases.For(_document.Operation("POST /notes")).Where(c => c.ViolatedMember is not null))
        {
            var valid = _cases.ValidRequest(@case.Operation).Body!.AsObject();
            var broken = @case.Request!.Body!.AsObject();
            var path = @case.ViolatedMember!.Split('.');
            var (validParent, brokenParent) = (Parent(valid, path), Parent(broken, path));
            foreach (var member in validParent.Select(m => m.Key).Union(brokenParent.Select(m => m.Key)).Where(m => m != path[^1]))
            {
                Assert.True(JsonNode.DeepEquals(validParent[member], brokenParent[member]) || member == "meta", $"{@case} also changed {member}");
            }
        }
    }

    [Fact]
    public void TheValidRequestFillsTheRouteAndLeavesOptionalQueryParametersOut()
    {
        var request = _cases.ValidRequest(_document.Operation("GET /notes/{id}"));
        Assert.Matches("^/notes/[0-9a-f-]{36}$", request.Uri);
        Assert.Equal("/notes", _cases.ValidRequest(_document.Operation("GET /notes")).Uri);
        Assert.Equal("/notes?limit=0", _cases.Find("GET /notes", "query limit: minimum 1").Request!.Uri);
    }

    [Fact]
    public void TheCallerMeetsTheRequirementsScopesRolesAndClientKinds()
    {
        Assert.Equal("alice", OperationCallers.For(_document, _document.Operation("GET /notes"))!.Subject);
        Assert.Equal("ada", OperationCallers.For(_document, _document.Operation("POST /admin/keys"))!.Subject);
        Assert.Null(OperationCallers.For(_document, _document.Operation("GET /info")));
    }

    private static JsonObject Parent(JsonObject root, string[] path) =>
        path[..^1].Aggregate(root, (node, member) => node[member]!.AsObject());
}
