using System.Net;
using System.Text;

namespace SecureApi.IntegrationTests;

/// <summary>Ambiguous or malformed JSON is refused with 400 naming the member, never guessed at and never a 500.</summary>
public sealed class StrictJsonTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    private async Task<Problem> PostWidgetAsync(string json)
    {
        var response = await factory.ClientFor("alice").PostAsync("/widgets", TestServiceFactory.Json(json));
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal("application/problem+json", problem.ContentType);
        return problem;
    }

    [Fact]
    public async Task UnknownMemberIsRejectedByName()
    {
        var problem = await PostWidgetAsync("""{"name":"gear","quantity":3,"kind":"gear","isAdmin":true}""");

        Assert.Contains("isAdmin", problem.Errors.Keys);
    }

    [Fact]
    public async Task MemberDifferingOnlyInCaseIsRejected()
    {
        var problem = await PostWidgetAsync("""{"Name":"gear","quantity":3,"kind":"gear"}""");

        Assert.Contains("Name", problem.Errors.Keys);
    }

    [Fact]
    public async Task DuplicateMemberIsRejected()
    {
        var problem = await PostWidgetAsync("""{"name":"gear","name":"spring","quantity":3,"kind":"gear"}""");

        Assert.Contains(problem.Errors, e => e.Value.Any(m => m.Contains("more than once", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("""{"name":"gear","quantity":"3","kind":"gear"}""", "quantity")]
    [InlineData("""{"name":"gear","quantity":99999999999,"kind":"gear"}""", "quantity")]
    [InlineData("""{"name":"gear","quantity":3.5,"kind":"gear"}""", "quantity")]
    [InlineData("""{"name":"gear","quantity":3,"kind":"gear","weight":"NaN"}""", "weight")]
    [InlineData("""{"name":"gear","quantity":3,"kind":"gear","weight":"Infinity"}""", "weight")]
    [InlineData("""{"name":"gear","quantity":3,"kind":"wrench"}""", "kind")]
    [InlineData("""{"name":"gear","quantity":3,"kind":7}""", "kind")]
    [InlineData("""{"name":42,"quantity":3,"kind":"gear"}""", "name")]
    public async Task WrongTypeOrOutOfRangeValueIsRejectedByMember(string json, string member)
    {
        var problem = await PostWidgetAsync(json);

        Assert.Contains(member, problem.Errors.Keys);
    }

    [Theory]
    [InlineData("""{"name":"gear", /* note */ "quantity":3,"kind":"gear"}""")]
    [InlineData("""{"name":"gear","quantity":3,"kind":"gear",}""")]
    [InlineData("""{"name":"gear","quantity":3,"kind":"gear"} {}""")]
    [InlineData("""{"name":"gear",""")]
    [InlineData("""null""")]
    [InlineData("""[]""")]
    [InlineData("")]
    public async Task MalformedOrNonObjectBodyIsRejected(string json)
    {
        var problem = await PostWidgetAsync(json);

        Assert.NotEmpty(problem.Errors);
    }

    [Fact]
    public async Task InvalidUtf8IsRejected()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"name":"ge?r","quantity":3,"kind":"gear"}""");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xC3; // a lead byte with no continuation
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        var response = await factory.ClientFor("alice").PostAsync("/widgets", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task NestingDeeperThan32IsRejected()
    {
        var json = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            json.Append("""{"child":""");
        }

        json.Append("null").Append('}', 40);

        var response = await factory.ClientFor("alice").PostAsync("/widgets/tree", TestServiceFactory.Json(json.ToString()));

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Contains(problem.Errors, e => e.Value.Any(m => m.Contains("nested deeper", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NestingWithinTheLimitIsAccepted()
    {
        var json = new StringBuilder();
        for (var i = 0; i < 10; i++)
        {
            json.Append("""{"child":""");
        }

        json.Append("null").Append('}', 10);

        var response = await factory.ClientFor("alice").PostAsync("/widgets/tree", TestServiceFactory.Json(json.ToString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("10", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CharsetOtherThanUtf8IsRefused()
    {
        var content = new StringContent("""{"name":"gear","quantity":3,"kind":"gear"}""", Encoding.Latin1, "application/json");

        var response = await factory.ClientFor("alice").PostAsync("/widgets", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
