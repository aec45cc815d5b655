using System.Text.RegularExpressions;
using SecureApi.Inventory;
using static SecureApi.IntegrationTests.Inventory.InventoryFixtures;

namespace SecureApi.IntegrationTests.Inventory;

/// <summary>
/// The HTML and Markdown views: what needs a reviewer's eye (anonymous, admin store, opted-out limit, suppressed
/// diagnostic) is counted and listed at the top; every endpoint has a row; the page is self-contained.
/// </summary>
public sealed partial class InventoryViewTests
{
    private static readonly InventoryEndpoint s_health = Protected("GET", "/health") with
    {
        Anonymous = true,
        AuthenticationSchemes = [],
        Roles = [],
        Scopes = [],
        ClientKinds = [],
        Policies = [],
        Stores = [],
        RateLimit = new InventoryRateLimit(null, true),
        ResponseMembers = ["status"],
        SuppressedDiagnostics = [new InventorySuppression("SAPI047", "pragma", "probes <poll> often")],
    };

    private static readonly InventoryEndpoint s_admin = Protected("DELETE", "/admin/notes/{id}") with { Roles = [["admin"]], Stores = [new InventoryStore("Note", "admin")] };

    private static readonly SecurityInventory s_inventory = With(Protected(), s_admin, s_health);

    [Fact]
    public void TheHtmlBadgesCountWhatNeedsAReviewersEye()
    {
        var html = InventoryHtml.Render(s_inventory);

        Assert.Equal(
            ["anonymous:1 anonymous", "admin-store:1 admin store (every row)", "rate-limit-opt-out:1 opted out of rate limiting", "suppressed:1 with suppressed diagnostics"],
            Badges().Matches(html).Select(m => m.Groups[1].Value + ":" + m.Groups[2].Value));
    }

    [Fact]
    public void TheHtmlListsTheEndpointsThatNeedAttentionBeforeTheTable()
    {
        var html = InventoryHtml.Render(s_inventory);

        var attention = html[html.IndexOf("<section id=\"attention\">", StringComparison.Ordinal)..html.IndexOf("<section id=\"endpoints\">", StringComparison.Ordinal)];
        Assert.Contains("GET /health</span> — exposes status", attention, StringComparison.Ordinal);
        Assert.Contains("DELETE /admin/notes/{id}</span> — authenticated (Bearer, ApiKey) · role admin", attention, StringComparison.Ordinal);
        Assert.Contains("SAPI047 via pragma: probes &lt;poll&gt; often", attention, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHtmlHasARowPerEndpointAndNoExternalAsset()
    {
        var html = InventoryHtml.Render(s_inventory);

        Assert.Equal(["GET /notes/{id}", "DELETE /admin/notes/{id}", "GET /health"], Rows().Matches(html).Select(m => m.Groups[1].Value));
        Assert.DoesNotMatch(External(), html);
    }

    [Fact]
    public void TheMarkdownSummaryAndTableFlagTheSameEndpoints()
    {
        var markdown = InventoryMarkdown.Render(s_inventory);

        Assert.Contains("| ⚠️ anonymous | ⚠️ admin store | ⚠️ rate limit opted out | ⚠️ suppressed diagnostics |\n|---|---|---|---|\n| 1 | 1 | 1 | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `GET /health` | ⚠️ **anonymous** | none | ⚠️ **opted out** |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `DELETE /admin/notes/{id}` | authenticated (Bearer, ApiKey) · role admin · scope notes:read · client User · policy Audited | ⚠️ admin (every row) Note |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void AMarkdownCellCannotEndItsRow()
    {
        var endpoint = Protected() with { Validation = [new InventoryValidation("code", ["pattern ^(a|b)$"])] };

        var markdown = InventoryMarkdown.Render(With(endpoint));

        Assert.Contains("code (pattern ^(a\\|b)$)", markdown, StringComparison.Ordinal);
    }

    [GeneratedRegex("data-badge=\"([a-z-]+)\">([^<]+)</li>")]
    private static partial Regex Badges();

    [GeneratedRegex("<tr data-endpoint=\"([^\"]+)\"")]
    private static partial Regex Rows();

    /// <summary>Anything the page would fetch: a script, a stylesheet link, an image or a URL in the style.</summary>
    [GeneratedRegex("<script|<link|<img|src=|url\\(|https?://")]
    private static partial Regex External();
}
