using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.SecurityView;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Who may open the security view, where it is served, and the policy its routes carry. The browser tests are in
/// <see cref="SecurityViewBrowserTests"/>.
/// </summary>
public sealed class SecurityViewTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    [Theory]
    [InlineData("/admin/security")]
    [InlineData("/admin/security/data")]
    [InlineData("/admin/security/security-view.js")]
    public async Task AnAnonymousCallerIsRefusedWith401(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/admin/security")]
    [InlineData("/admin/security/data")]
    [InlineData("/admin/security/security-view.css")]
    public async Task APersonWithoutTheAdminRoleIsRefusedWith403(string path)
    {
        using var response = await factory.ClientFor("alice").GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnAdminThatIsNotAPersonIsRefusedWith403()
    {
        using var client = factory.ClientFor("batch-job", roles: "admin");
        client.DefaultRequestHeaders.Add("X-Test-Claim-client_kind", "service");

        using var response = await client.GetAsync("/admin/security");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnAdminPersonGetsThePageInDevelopment()
    {
        using var response = await factory.ClientFor("ada", roles: "admin").GetAsync("/admin/security");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ThePageCarriesThePagePolicyAllowingOnlyTheServiceItself()
    {
        using var response = await factory.ClientFor("ada", roles: "admin").GetAsync("/admin/security");

        Assert.Equal(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task EveryOtherRouteKeepsTheClosedPolicy()
    {
        using var response = await factory.ClientFor("ada", roles: "admin").GetAsync("/widgets/me");

        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task TheDataListsNoBlocksAndNoAuditTrailForAServiceWithoutBlocksOrDatabase()
    {
        var json = await factory.ClientFor("ada", roles: "admin").GetStringAsync("/admin/security/data");

        // The block list is always there (empty: nothing blocked); the test service declares no resource, so keeps no trail.
        Assert.Equal((true, true), (json.Contains("\"blocks\":[]", StringComparison.Ordinal), json.Contains("\"audit\":null", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task OutsideDevelopmentItIsNotServedUnlessEnabled()
    {
        await using var production = new TestServiceFactory { Environment = "Production" };
        production.Settings["SecureApi:RequireHttps"] = "false";

        using var response = await production.ClientFor("ada", roles: "admin").GetAsync("/admin/security");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OutsideDevelopmentItIsServedWhenEnabled()
    {
        await using var production = new TestServiceFactory { Environment = "Production" };
        production.Settings["SecureApi:RequireHttps"] = "false";
        production.Settings["SecureApi:SecurityView:Enabled"] = "true";

        using var response = await production.ClientFor("ada", roles: "admin").GetAsync("/admin/security");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ItIsServedAtTheConfiguredPath()
    {
        await using var moved = new TestServiceFactory();
        moved.Settings["SecureApi:SecurityView:Path"] = "/ops/security";

        using var response = await moved.ClientFor("ada", roles: "admin").GetAsync("/ops/security/data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ARefusalWrittenByMiddlewareIsCountedInTheChart()
    {
        await using var own = new TestServiceFactory();
        Assert.Equal(HttpStatusCode.Unauthorized, (await own.CreateClient().GetAsync("/widgets/me")).StatusCode);

        var json = await own.ClientFor("ada", roles: "admin").GetStringAsync("/admin/security/data");

        using var data = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(1, data.RootElement.GetProperty("minutes").EnumerateArray().Sum(minute => minute.GetProperty("denied").GetInt64()));
    }

    [Fact]
    public void TheRecorderIsOneSingletonObserver()
    {
        var recorder = factory.Services.GetRequiredService<SecurityViewRecorder>();

        Assert.Contains(recorder, factory.Services.GetServices<SecureApi.Monitoring.ISecurityEventObserver>());
    }
}
