using System.Text.Json;
using Microsoft.Playwright;
using SecureApi.SampleTests.Infrastructure;
using Xunit.Abstractions;

namespace SecureApi.SampleTests;

/// <summary>
/// The sample's inventory page (<c>inventory --format html</c>) in headless Chromium (apt's <c>/usr/bin/chromium</c>,
/// driven by Playwright), opened from a file with every network request refused: it is self-contained. Every endpoint
/// of the sample has a row showing its protections, and the badges count what needs a reviewer's eye. The screenshot is
/// kept under the test output, <c>artifacts/security-inventory.png</c>, and copied to <c>docs/inventory.png</c> for README.
/// </summary>
public sealed class SecurityInventoryBrowserTests(AuthorizationMatrixTests.Host host, ITestOutputHelper output) : IClassFixture<AuthorizationMatrixTests.Host>
{
    private const string ChromiumPath = "/usr/bin/chromium";

    [Fact]
    public async Task EveryEndpointOfTheSampleAppearsWithItsProtections()
    {
        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        var page = Path.Combine(artifacts, "security-inventory.html");
        await SecurityInventoryTests.InventoryTextAsync(host.Services, "--format", "html", "--output", page);
        var inventory = await SecurityInventoryTests.InventoryAsync(host.Services);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"], // CI runs as root, where Chromium's sandbox cannot start
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var fetched = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }

            fetched.Add(route.Request.Url);
            await route.AbortAsync();
        });
        var tab = await context.NewPageAsync();
        await tab.GotoAsync(new Uri(page).AbsoluteUri);

        foreach (var endpoint in SecurityInventoryTests.Endpoints(inventory))
        {
            var key = SecurityInventoryTests.Key(endpoint);
            var row = tab.Locator($"tr[data-endpoint=\"{key}\"]");
            Assert.True(await row.IsVisibleAsync(), key + " has no visible row");
            var access = await row.Locator("td.access").InnerTextAsync();
            foreach (var protection in Protections(endpoint))
            {
                Assert.Contains(protection, access, StringComparison.Ordinal);
            }

            var limits = await row.Locator("td.limits").InnerTextAsync();
            Assert.Contains(endpoint.GetProperty("rateLimit").GetProperty("disabled").GetBoolean() ? "opted out" : "rate limit " + endpoint.GetProperty("rateLimit").GetProperty("policy").GetString(), limits, StringComparison.Ordinal);
            foreach (var store in endpoint.GetProperty("stores").EnumerateArray())
            {
                Assert.Contains(store.GetProperty("resource").GetString()!, await row.Locator("td.data").InnerTextAsync(), StringComparison.Ordinal);
            }

            foreach (var suppression in endpoint.GetProperty("suppressedDiagnostics").EnumerateArray())
            {
                Assert.Contains(suppression.GetProperty("id").GetString()!, await row.Locator("td.suppressed").InnerTextAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(SecurityInventoryTests.Endpoints(inventory).Count(), await tab.Locator("tr[data-endpoint]").CountAsync());
        Assert.Equal("2 anonymous", await tab.Locator("[data-badge=anonymous]").InnerTextAsync());
        Assert.Equal("1 opted out of rate limiting", await tab.Locator("[data-badge=rate-limit-opt-out]").InnerTextAsync());
        Assert.Contains("GET /health", await tab.Locator("[data-attention=suppressed]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(fetched);

        var screenshot = Path.Combine(artifacts, "security-inventory.png");
        await tab.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        var docs = Path.Combine(Path.GetDirectoryName(SampleCommand.SampleDirectory())!, "..", "docs", "inventory.png");
        File.Copy(screenshot, docs, overwrite: true);
        output.WriteLine("Security inventory screenshot: " + screenshot + " (copied to " + Path.GetFullPath(docs) + ")");
    }

    /// <summary>What the access cell must show: anonymous, or each role, scope and client kind the endpoint requires.</summary>
    private static IEnumerable<string> Protections(JsonElement endpoint)
    {
        if (endpoint.GetProperty("anonymous").GetBoolean())
        {
            yield return "anonymous";
            yield break;
        }

        yield return "authenticated";
        foreach (var set in endpoint.GetProperty("roles").EnumerateArray())
        {
            yield return "role " + string.Join(" or ", set.EnumerateArray().Select(r => r.GetString()));
        }

        foreach (var set in endpoint.GetProperty("scopes").EnumerateArray())
        {
            yield return "scope " + string.Join(" or ", set.EnumerateArray().Select(s => s.GetString()));
        }

        if (endpoint.GetProperty("clientKinds").GetArrayLength() > 0)
        {
            yield return "client " + string.Join(" or ", endpoint.GetProperty("clientKinds").EnumerateArray().Select(k => k.GetString()));
        }
    }
}
