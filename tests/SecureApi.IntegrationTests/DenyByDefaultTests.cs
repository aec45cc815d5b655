using System.Net;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Deny by default reaches endpoints SecureApi did not generate: a minimal-API endpoint mapped by hand, with no
/// authorisation metadata of its own, falls under the fallback policy <c>AddSecureApi</c> sets.
/// </summary>
public sealed class DenyByDefaultTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    [Fact]
    public async Task AHandMappedEndpointIs401WithoutACaller()
    {
        using var response = await factory.CreateClient().GetAsync("/hand-mapped");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AHandMappedEndpointAnswersAnAuthenticatedCaller()
    {
        using var response = await factory.ClientFor("alice").GetAsync("/hand-mapped");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hand-mapped", await response.Content.ReadAsStringAsync());
    }
}
