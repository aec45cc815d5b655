using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.TestService;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>
/// Any scheme, not only JWT: a principal that authenticated but has no <c>sub</c> is not a caller — 401, never a 500 and
/// never a row with an empty owner. (The test scheme's <c>X-Test-Without-Subject</c> makes such a principal.)
/// </summary>
public sealed class SubjectlessPrincipalTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    [Fact]
    public async Task AnEndpointThatNeedsTheCallerIsA401()
    {
        using var client = Subjectless();

        using var response = await client.GetAsync("/widgets/me");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task NothingIsWrittenWithAnEmptyOwner()
    {
        using var client = Subjectless();

        using var response = await client.PostAsync("/widgets", TestServiceFactory.Json("""{"name":"no-owner","quantity":1,"kind":"gear"}"""));

        var stored = factory.Services.GetRequiredService<WidgetRepository>().List(null, 0, 1000).Any(w => w.Name == "no-owner");
        Assert.Equal((HttpStatusCode.Unauthorized, false), (response.StatusCode, stored));
    }

    [Fact]
    public async Task AHandMappedEndpointIsA401()
    {
        using var client = Subjectless();

        using var response = await client.GetAsync("/hand-mapped");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private HttpClient Subjectless()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-Without-Subject", "true");
        return client;
    }
}
