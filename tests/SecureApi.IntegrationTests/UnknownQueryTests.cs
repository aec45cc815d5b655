using System.Net;

namespace SecureApi.IntegrationTests;

/// <summary>Query parameters an endpoint does not bind are refused like unknown JSON members, unless it opts out.</summary>
public sealed class UnknownQueryTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    [Fact]
    public async Task UnknownQueryParameterReturns400NamingIt()
    {
        var response = await factory.ClientFor("alice").GetAsync("/widgets?kind=gear&fields=passwordHash");

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal(["fields"], problem.Errors.Keys);
    }

    [Fact]
    public async Task EveryUnknownQueryParameterIsNamedAtOnce()
    {
        var problem = await Problem.ReadAsync(await factory.ClientFor("alice").GetAsync("/widgets?fields=a&debug=1&page=1"));

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal(["debug", "fields"], problem.Errors.Keys.Order());
    }

    [Fact]
    public async Task EndpointWithoutQueryParametersRefusesAnyQuery()
    {
        var problem = await Problem.ReadAsync(await factory.ClientFor("alice").GetAsync("/widgets/me?as=admin"));

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal(["as"], problem.Errors.Keys);
    }

    [Theory]
    [InlineData("limit=5", "limit")]
    [InlineData("cursor=abc", "cursor")]
    [InlineData("sort=name", "sort")]
    [InlineData("filter.name=x", "filter.name")]
    public async Task ListParametersAreUnknownToAnEndpointWithoutAPageRequest(string query, string name)
    {
        var problem = await Problem.ReadAsync(await factory.ClientFor("alice").GetAsync("/widgets/me?" + query));

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal([name], problem.Errors.Keys);
    }

    [Fact]
    public async Task DeclaredParametersMatchWithoutRegardToCase()
    {
        var response = await factory.ClientFor("alice").GetAsync("/widgets?Kind=gear&PAGE=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task EndpointThatAllowsUnknownQueryIgnoresWhatItDoesNotBind()
    {
        var response = await factory.CreateClient().GetAsync("/probe/callback?state=s1&utm_source=mail&fields=x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"s1\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
