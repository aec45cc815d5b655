using System.Net;

namespace SecureApi.IntegrationTests;

/// <summary>
/// A <c>[RegularExpression]</c> the linear-time engine cannot run falls back to the backtracking engine with a 100 ms
/// timeout; an input that makes it backtrack past the timeout is a validation error naming the member, never a 500.
/// </summary>
public sealed class PatternTimeoutTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    [Fact]
    public async Task AValueThePatternMatchesIsAccepted()
    {
        var response = await factory.ClientFor("alice").PostAsync("/widgets/pattern", TestServiceFactory.Json("""{"value":"aaaa"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ACatastrophicInputIsA400NamingTheMember()
    {
        var catastrophic = new string('a', 60) + "!"; // (a+)+\1 tries every split of the a's before failing on "!"

        var response = await factory.ClientFor("alice").PostAsync("/widgets/pattern", TestServiceFactory.Json($$"""{"value":"{{catastrophic}}"}"""));

        var problem = await Problem.AssertValidationAsync(response, "value");
        Assert.Equal(["value"], problem.Errors.Keys);
    }
}
