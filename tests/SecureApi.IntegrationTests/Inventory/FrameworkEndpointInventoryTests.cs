using Microsoft.Extensions.Hosting.Internal;
using SecureApi.Inventory;
using static SecureApi.IntegrationTests.Inventory.InventoryFixtures;

namespace SecureApi.IntegrationTests.Inventory;

/// <summary>
/// The routes SecureApi maps from configuration (OpenAPI document, Scalar page, security view) in the inventory: served
/// or not as the mapping decides, listed in their own section, flagged when served outside Development, and a route that
/// becomes served is a weakening in the diff.
/// </summary>
public sealed class FrameworkEndpointInventoryTests
{
    [Fact]
    public void InProductionWithNothingConfiguredNoneIsServedAndEachSaysWhy()
    {
        var endpoints = FrameworkEndpoints.Describe(new SecureApiOptions(), Environment("Production"));

        Assert.All(endpoints, e => Assert.False(e.Served, e.Key + " is served"));
        Assert.Equal(
            ["SecureApi:OpenApi:Enabled unset: Development only; environment Production", "SecureApi:SecurityView:Enabled unset: Development only; environment Production"],
            endpoints.Where(e => e.Route is "/openapi/{documentName}.json" or "/admin/security").Select(e => e.Why));
    }

    [Fact]
    public void TheSecurityViewRequiresItsRoleAndAPersonAndTheDocumentIsAnonymous()
    {
        var options = new SecureApiOptions();
        options.SecurityView.Role = "auditor";

        var endpoints = FrameworkEndpoints.Describe(options, Environment("Development"));

        Assert.Equal(
            [("GET /openapi/{documentName}.json", true, "anonymous"), ("GET /admin/security/data", true, "role auditor · client User")],
            endpoints.Where(e => e.Key is "GET /openapi/{documentName}.json" or "GET /admin/security/data").Select(e => (e.Key, e.Served, e.Access)));
    }

    [Fact]
    public void TheReferencePageIsNotServedWithoutTheDocument()
    {
        var options = new SecureApiOptions();
        options.OpenApi.Enabled = false;
        options.OpenApi.ReferencePage = true;

        var page = FrameworkEndpoints.Describe(options, Environment("Development")).Single(e => e.Route == "/scalar/{documentName?}");

        Assert.Equal((false, "needs the document: SecureApi:OpenApi:Enabled = false"), (page.Served, page.Why));
    }

    [Fact]
    public void TheMarkdownFlagsADocumentServedInProductionAtTheTopAndListsEveryFrameworkRoute()
    {
        var markdown = InventoryMarkdown.Render(Written("Production", openApi: true));

        var flagged = markdown.IndexOf("- `GET /openapi/{documentName}.json`: documentation page served in Production: OpenAPI document (/openapi/v1.json), anonymous (SecureApi:OpenApi:Enabled = true)", StringComparison.Ordinal);
        var section = markdown.IndexOf("### Mapped by SecureApi from configuration", StringComparison.Ordinal);
        Assert.True(flagged > 0 && flagged < markdown.IndexOf("### Endpoints", StringComparison.Ordinal) && section > 0, markdown);
        Assert.Contains("| `GET /admin/security` | security view page | not served | SecureApi:SecurityView:Enabled unset: Development only; environment Production | role admin · client User |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMarkdownFlagsNothingInDevelopment()
    {
        var markdown = InventoryMarkdown.Render(Written("Development", openApi: true));

        Assert.DoesNotContain("served in Development", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHtmlCountsAndListsTheAdminPageServedInProductionAndHasItsOwnSection()
    {
        var html = InventoryHtml.Render(Written("Production", securityView: true));

        var attention = html[html.IndexOf("<section id=\"attention\">", StringComparison.Ordinal)..html.IndexOf("<section id=\"endpoints\">", StringComparison.Ordinal)];
        Assert.Contains("data-badge=\"served-outside-development\">4 docs/admin routes served in Production</li>", html, StringComparison.Ordinal);
        Assert.Contains("GET /admin/security</span> — admin page served in Production: security view page, role admin · client User (SecureApi:SecurityView:Enabled = true)", attention, StringComparison.Ordinal);
        Assert.Equal(9, html.Split("data-framework-endpoint=", StringSplitOptions.None).Length - 1);
        Assert.Contains("<h2>Mapped by SecureApi from configuration</h2>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHtmlHasNoServedOutsideDevelopmentBadgeInDevelopment()
    {
        var html = InventoryHtml.Render(Written("Development", securityView: true));

        Assert.DoesNotContain("served-outside-development", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AFrameworkRouteThatBecomesServedWeakens()
    {
        var change = Assert.Single(InventoryDiff.Compare(Written("Production"), Written("Production", openApi: true)), c => c.Subject == "GET /openapi/{documentName}.json");

        Assert.Equal((InventoryChangeKind.NewlyServedFrameworkEndpoint, true), (change.Kind, change.Weakens));
        Assert.StartsWith("now served, anonymous (OpenAPI document (/openapi/v1.json), environment Production: SecureApi:OpenApi:Enabled = true)", change.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AFrameworkRouteThatBecomesAnonymousWeakens()
    {
        var baseline = Written("Production", securityView: true);
        var head = baseline with { FrameworkEndpoints = [.. baseline.FrameworkEndpoints!.Select(e => e.Route == "/admin/security/data" ? e with { Anonymous = true, Role = null, ClientKinds = [] } : e)] };

        var change = Assert.Single(InventoryDiff.Compare(baseline, head));

        Assert.Equal((InventoryChangeKind.NewlyServedFrameworkEndpoint, "GET /admin/security/data", true), (change.Kind, change.Subject, change.Weakens));
    }

    [Fact]
    public void AFrameworkRouteNoLongerServedIsATightening()
    {
        var change = Assert.Single(InventoryDiff.Compare(Written("Production", openApi: true), Written("Production")), c => c.Subject == "GET /openapi/{documentName}.json");

        Assert.Equal((InventoryChangeKind.TightenedCheck, false), (change.Kind, change.Weakens));
    }

    [Fact]
    public void AGeneratedBaseSaysNothingAboutFrameworkRoutes()
    {
        // The generated file cannot know the configuration: a served route is not "new" against it.
        Assert.Empty(InventoryDiff.Compare(With(Protected()), Written("Production", openApi: true)));
    }

    /// <summary>An inventory as the <c>inventory</c> command writes it in <paramref name="environment"/>.</summary>
    private static SecurityInventory Written(string environment, bool? openApi = null, bool? securityView = null)
    {
        var options = new SecureApiOptions();
        options.OpenApi.Enabled = openApi;
        options.SecurityView.Enabled = securityView;
        return With(Protected()) with { Environment = environment, FrameworkEndpoints = FrameworkEndpoints.Describe(options, Environment(environment)) };
    }

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };
}
