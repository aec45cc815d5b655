using System.Net;

namespace SecureApi.IntegrationTests;

/// <summary>Route and query values that do not parse, are missing, or are repeated get 400 naming the parameter.</summary>
public sealed class BindingTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    [Theory]
    [InlineData("/widgets/not-a-guid", "id")]
    [InlineData("/widgets/123", "id")]
    [InlineData("/widgets?page=abc", "page")]
    [InlineData("/widgets?size=1e3", "size")]
    [InlineData("/widgets?page=1&page=2", "page")]
    [InlineData("/widgets?kind=wrench", "kind")]
    [InlineData("/widgets?kind=1", "kind")]
    [InlineData("/widgets/search", "q")]
    public async Task BadRouteOrQueryValueReturns400NamingTheParameter(string uri, string parameter)
    {
        var response = await factory.ClientFor("alice").GetAsync(uri);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Contains(parameter, problem.Errors.Keys);
    }

    [Fact]
    public async Task AllBindingErrorsAreReportedAtOnce()
    {
        var problem = await Problem.ReadAsync(await factory.ClientFor("alice").GetAsync("/widgets?page=x&size=y&kind=z"));

        Assert.Equal(["kind", "page", "size"], problem.Errors.Keys.Order());
    }

    [Fact]
    public async Task QueryNameCanDifferFromTheParameterName()
    {
        var response = await factory.ClientFor("alice").GetAsync("/widgets/search?q=gear");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
