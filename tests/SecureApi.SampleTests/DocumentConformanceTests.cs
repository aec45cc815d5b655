using System.Net;
using SecureApi.SampleTests.Infrastructure;
using SecureApi.SampleTests.OpenApi;

namespace SecureApi.SampleTests;

/// <summary>
/// The sample's served OpenAPI document against its behaviour: for every operation, the request the document describes
/// is answered as documented, and breaking any one documented constraint is a 400 whose <c>errors</c> name the member.
/// Each (operation, constraint) is its own test, sent as the test caller the operation's documented protections admit.
/// </summary>
public abstract class DocumentConformanceTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    public static TheoryData<string> Operations()
    {
        var data = new TheoryData<string>();
        foreach (var operation in SampleDocument.Get().Operations)
        {
            data.Add(operation.Name);
        }

        return data;
    }

    public static TheoryData<string, string> Violations()
    {
        var data = new TheoryData<string, string>();
        foreach (var @case in new ConformanceCases(SampleDocument.Get()).All().Where(c => c.ViolatedMember is not null))
        {
            data.Add(@case.Operation.Name, @case.Constraint);
        }

        return data;
    }

    /// <summary>
    /// A made-up id is a 404 where the operation lists one; otherwise the operation's one documented success status.
    /// Never 400, 413, 415 or 422: the document said the request was fine.
    /// </summary>
    [Theory]
    [MemberData(nameof(Operations))]
    public async Task TheRequestTheDocumentDescribesIsAnsweredAsDocumented(string operation)
    {
        var @case = await CaseAsync(operation, ConformanceCase.ValidConstraint);

        using var response = await SendAsync(@case);

        var expected = Expected(@case.Operation);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"{@case.Request} as {CallerName(@case)}: expected {expected}, got {(int)response.StatusCode}: {body}");
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task BreakingOneDocumentedConstraintIsA400NamingTheMember(string operation, string constraint)
    {
        var @case = await CaseAsync(operation, constraint);

        using var response = await SendAsync(@case);

        var text = await response.Content.ReadAsStringAsync();
        var failure = $"{@case.Request} as {CallerName(@case)}: expected a 400 problem naming '{@case.ViolatedMember}', got {(int)response.StatusCode} {response.Content.Headers.ContentType}: {text}";
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest && response.Content.Headers.ContentType?.MediaType == "application/problem+json", failure);
        Assert.True((await Problem.ReadAsync(response)).Errors.ContainsKey(@case.ViolatedMember!), failure);
    }

    private static async Task<ConformanceCase> CaseAsync(string operation, string constraint) =>
        new ConformanceCases(await SampleDocument.GetAsync()).Find(operation, constraint);

    private async Task<HttpResponseMessage> SendAsync(ConformanceCase @case)
    {
        var caller = OperationCallers.For(await SampleDocument.GetAsync(), @case.Operation);
        var client = caller is null ? Factory.AnonymousClient() : Client(caller);
        return await client.SendAsync(@case.Request.ToMessage());
    }

    private static string CallerName(ConformanceCase @case) =>
        OperationCallers.For(SampleDocument.Get(), @case.Operation)?.Subject ?? "anonymous";

    private static int Expected(OpenApiOperation operation)
    {
        if (operation.Template.ParameterNames.Any() && operation.Lists(404))
        {
            return 404;
        }

        var successes = operation.ExactStatuses.Where(s => s is >= 200 and < 300).ToList();
        return successes.Count == 1
            ? successes[0]
            : throw new InvalidOperationException($"{operation.Name} documents {successes.Count} success statuses ({string.Join(", ", successes)}); say which one its described request gets.");
    }
}

public sealed class SqliteDocumentConformanceTests(ClassDatabase database) : DocumentConformanceTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresDocumentConformanceTests(PostgresServer server, ClassDatabase database) : DocumentConformanceTests(database, new PostgresEngine(server));
