using System.Net;
using System.Text.Json.Nodes;
using SecureApi.SampleTests.Infrastructure;
using SecureApi.SampleTests.OpenApi;

namespace SecureApi.SampleTests;

/// <summary>
/// The sample's served OpenAPI document against its behaviour: for every operation, the request the document describes
/// (also with each parameter and member at each of its documented bounds) is answered as documented, and breaking any
/// one documented constraint is a 400 whose <c>errors</c> name the member.
/// Each (operation, constraint) is its own test, sent as the test caller the operation's documented protections admit.
/// An operation on one item whose collection has a documented create is sent to an item created first (with its ETag
/// as If-Match), so the request really reaches the resource; any other item id is made up.
/// </summary>
public abstract class DocumentConformanceTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    /// <summary>Per operation: its described request, and that request with each parameter or member at each of its bounds.</summary>
    public static TheoryData<string, string> ValidRequests() => Cases(valid: true);

    public static TheoryData<string, string> Violations() => Cases(valid: false);

    /// <summary>
    /// The operation's one documented success status on a created item or a collection, a 404 for a made-up item id.
    /// Never 400, 413, 415 or 422: the document said the request was fine.
    /// </summary>
    [Theory]
    [MemberData(nameof(ValidRequests))]
    public async Task ARequestTheDocumentAllowsIsAnsweredAsDocumented(string operation, string request)
    {
        var @case = await CaseAsync(operation, request);

        var (response, onRealItem) = await SendAsync(@case);
        using (response)
        {
            var expected = !onRealItem && @case.Operation.Template.ParameterNames.Any() && @case.Operation.Lists(404) ? 404 : OnlySuccess(@case.Operation);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == expected, $"{@case.Request} as {CallerName(@case)}: expected {expected}, got {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>
    /// A 400 problem naming the member; but leaving out a required If-Match is the 428 the document lists for exactly
    /// that (RFC 6585), on a real item.
    /// </summary>
    [Theory]
    [MemberData(nameof(Violations))]
    public async Task BreakingOneDocumentedConstraintIsA400NamingTheMember(string operation, string constraint)
    {
        var @case = await CaseAsync(operation, constraint);

        var (response, onRealItem) = await SendAsync(@case);
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (@case.Constraint == "header If-Match: required" && @case.Operation.Lists(428))
            {
                Assert.True(onRealItem && response.StatusCode == HttpStatusCode.PreconditionRequired && mediaType == "application/problem+json", $"{@case.Request} as {CallerName(@case)}: expected a 428 problem on a real item, got {(int)response.StatusCode}: {text}");
                return;
            }

            var failure = $"{@case.Request} as {CallerName(@case)}: expected a 400 problem naming '{@case.ViolatedMember}', got {(int)response.StatusCode} {mediaType}: {text}";
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest && mediaType == "application/problem+json", failure);
            Assert.True((await Problem.ReadAsync(response)).Errors.ContainsKey(@case.ViolatedMember!), failure);
        }
    }

    private static TheoryData<string, string> Cases(bool valid)
    {
        var data = new TheoryData<string, string>();
        foreach (var @case in new ConformanceCases(SampleDocument.Get()).All().Where(c => (c.ViolatedMember is null) == valid))
        {
            data.Add(@case.Operation.Name, @case.Constraint);
        }

        return data;
    }

    private static async Task<ConformanceCase> CaseAsync(string operation, string constraint)
    {
        var @case = new ConformanceCases(await SampleDocument.GetAsync()).Find(operation, constraint);
        Assert.True(@case.CannotBuild is null, $"No request could be built from the document for {@case}: {@case.CannotBuild}");
        return @case;
    }

    private async Task<(HttpResponseMessage Response, bool OnRealItem)> SendAsync(ConformanceCase @case)
    {
        var document = await SampleDocument.GetAsync();
        var caller = OperationCallers.For(document, @case.Operation);
        var client = caller is null ? Factory.AnonymousClient() : Client(caller);
        var onRealItem = await PointAtARealItemAsync(document, @case, client);
        return (await client.SendAsync(@case.Request!.ToMessage()), onRealItem);
    }

    /// <summary>
    /// For <c>/things/{id}</c> when the document has <c>POST /things</c>: creates a thing with that operation's own valid
    /// request and points the case at it (If-Match: its ETag, unless If-Match is what the case breaks).
    /// </summary>
    private static async Task<bool> PointAtARealItemAsync(OpenApiDescription document, ConformanceCase @case, HttpClient client)
    {
        var path = @case.Operation.Path;
        var lastSlash = path.LastIndexOf('/');
        var parameter = path[(lastSlash + 1)..];
        if (!(parameter.StartsWith('{') && parameter.EndsWith('}')) || @case.ViolatedMember == parameter[1..^1]
            || document.Operations.FirstOrDefault(o => o.Method == "POST" && o.Path == path[..lastSlash]) is not { } create)
        {
            return false;
        }

        using var created = await client.SendAsync(new ConformanceCases(document).ValidRequest(create).ToMessage());
        await Api.AssertStatusAsync(created, HttpStatusCode.Created);
        if (JsonNode.Parse(await created.Content.ReadAsStringAsync())?[parameter[1..^1]] is not JsonValue id)
        {
            return false;
        }

        @case.Request!.Route[parameter[1..^1]] = SchemaValues.Text(id);
        if (@case.ViolatedMember != "If-Match" && @case.Request.Headers.ContainsKey("If-Match") && created.Headers.ETag is { } etag)
        {
            @case.Request.Headers["If-Match"] = etag.ToString();
        }

        return true;
    }

    private static string CallerName(ConformanceCase @case) =>
        OperationCallers.For(SampleDocument.Get(), @case.Operation)?.Subject ?? "anonymous";

    private static int OnlySuccess(OpenApiOperation operation)
    {
        var successes = operation.ExactStatuses.Where(s => s is >= 200 and < 300).ToList();
        return successes.Count == 1
            ? successes[0]
            : throw new InvalidOperationException($"{operation.Name} documents {successes.Count} success statuses ({string.Join(", ", successes)}); say which one its described request gets.");
    }
}

public sealed class SqliteDocumentConformanceTests(ClassDatabase database) : DocumentConformanceTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresDocumentConformanceTests(PostgresServer server, ClassDatabase database) : DocumentConformanceTests(database, new PostgresEngine(server));
