using System.Net;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Each size and shape rule holds at its exact boundary: the limit itself is accepted, one past it is refused naming
/// the member. (Mutation testing found these boundaries untested: `&gt;` could become `&gt;=` unnoticed.)
/// </summary>
public sealed class ValidationBoundaryTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    private static string Parts(int count) => "[" + string.Join(",", Enumerable.Repeat("""{"name":"p","count":1}""", count)) + "]";

    private static string Tags(int count) => "[" + string.Join(",", Enumerable.Repeat("\"t\"", count)) + "]";

    public static TheoryData<string, string?> Cases => new()
    {
        { "\"name\":\"ab\"", null },                                    // StringLength minimum 2: at it
        { "\"name\":\"a\"", "name" },                                   // one short
        { "\"name\":\"" + new string('n', 40) + "\"", null },          // maximum 40: at it
        { "\"name\":\"" + new string('n', 41) + "\"", "name" },        // one over
        { "\"name\":\"gear\",\"parts\":" + Parts(5), null },            // MaxLength(5) on a collection: at it
        { "\"name\":\"gear\",\"parts\":" + Parts(6), "parts" },         // one over
        { "\"name\":\"gear\",\"tags\":" + Tags(1), null },              // Length(1, 3): lower bound
        { "\"name\":\"gear\",\"tags\":" + Tags(3), null },              // upper bound
        { "\"name\":\"gear\",\"tags\":" + Tags(0), "tags" },
        { "\"name\":\"gear\",\"tags\":" + Tags(4), "tags" },
        { "\"name\":\"gear\",\"contactEmail\":\"a@b\"", null },         // one '@', neither first nor last
        { "\"name\":\"gear\",\"contactEmail\":\"@b\"", "contactEmail" },
        { "\"name\":\"gear\",\"contactEmail\":\"a@\"", "contactEmail" },
        { "\"name\":\"gear\",\"contactEmail\":\"a@b@c\"", "contactEmail" },
        { "\"name\":\"gear\",\"contactEmail\":\"a@b\\nBcc: x@y\"", "contactEmail" }, // header injection
        { "\"name\":\"gear\",\"quantity\":1000", null },                // Range(1, 1000): upper bound
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task LimitIsAcceptedAndOnePastItIsRefused(string members, string? refusedMember)
    {
        var json = "{" + members + (members.Contains("\"quantity\"", StringComparison.Ordinal) ? "" : ",\"quantity\":3") + ",\"kind\":\"gear\"}";

        var response = await factory.ClientFor("alice").PostAsync("/widgets", TestServiceFactory.Json(json));

        if (refusedMember is null)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return;
        }

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal([refusedMember], problem.Errors.Keys);
    }
}
