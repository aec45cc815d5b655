using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecureApi.Monitoring;
using SecureApi.SecurityView;
using Xunit.Abstractions;

namespace SecureApi.IntegrationTests;

/// <summary>
/// The security view in a real browser: the system Chromium (apt's <c>chromium</c>; Playwright cannot download one
/// here) driven by Playwright, fetching the page, its script, style and data from the service on real Kestrel on
/// 127.0.0.1, as an admin person (test headers on every request). What the page shows is read from the DOM; CSP
/// violations are collected by a listener Playwright installs before the page's own script runs. The screenshot is
/// kept under the test's output, <c>artifacts/security-view.png</c>.
/// </summary>
public sealed class SecurityViewBrowserTests(ITestOutputHelper output)
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly DateTimeOffset BlockedSince = DateTimeOffset.UtcNow.AddMinutes(-3);

    [Fact]
    public async Task ThePageShowsPlantedDenialsAnAlertABlockAndTheAuditChain()
    {
        await using var factory = new TestServiceFactory { TestServices = AddBlocksAndAudit };
        var service = KestrelHost.StartHttp(factory);
        await PlantAsync(factory, service);
        await using var browser = await BrowserPage.OpenAsync(service);

        Assert.Contains("enumeration: 40 distinct ids in 60 s", await browser.TextOf("#alerts"), StringComparison.Ordinal);
        Assert.Contains("mallory", await browser.TextOf("#alerts"), StringComparison.Ordinal);
        Assert.Contains("mallory", await browser.TextOf("#callers"), StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", await browser.TextOf("#addresses"), StringComparison.Ordinal);
        Assert.Contains("ip:203.0.113.7", await browser.TextOf("#blocks"), StringComparison.Ordinal);
        Assert.Equal("chain intact · 3 records", await browser.TextOf("#chain"));
        Assert.Contains("AuthorizationDenied", await browser.TextOf("#events"), StringComparison.Ordinal);
        Assert.True(await browser.Page.Locator("#chart svg rect").CountAsync() > 0, "the chart drew no bars");
        Assert.Empty(await browser.CspViolationsAsync());
        Assert.Empty(browser.ConsoleErrors);

        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "security-view.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await browser.Page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine("Security view screenshot: " + screenshot);
    }

    /// <summary>The promise end to end: a real enumeration, caught by the real detector, on the page as an alert and a block.</summary>
    [Fact]
    public async Task APlantedEnumerationAppearsAsAnAlertAndABlock()
    {
        var sink = new Detection.RecordingSink();
        await using var factory = Detection.Attack.Factory(new Detection.RecordedEvents(), sink, ("SecureApi:Detection:Enumeration:Threshold", "10"));
        var service = KestrelHost.StartHttp(factory);
        using var mallory = new HttpClient { BaseAddress = service };
        mallory.DefaultRequestHeaders.Add("X-Test-Subject", "mallory");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await mallory.GetAsync($"/widgets/{Guid.NewGuid()}")).StatusCode);
        }

        await Detection.Attack.UntilAsync(() => sink.Alerts.Length > 0);
        await using var browser = await BrowserPage.OpenAsync(service);

        Assert.Contains("Enumeration: caller mallory reached 10", await browser.TextOf("#alerts"), StringComparison.Ordinal);
        Assert.Contains("caller:mallory", await browser.TextOf("#blocks"), StringComparison.Ordinal);
        Assert.Empty(await browser.CspViolationsAsync());
    }

    [Fact]
    public async Task WithNothingBlockedAndNoAuditTrailThePageSaysSo()
    {
        await using var factory = new TestServiceFactory();
        var service = KestrelHost.StartHttp(factory);
        await using var browser = await BrowserPage.OpenAsync(service);

        Assert.Equal("None.", await browser.TextOf("#blocks"));
        Assert.Equal("The audit trail is not available on this service.", await browser.TextOf("#audit"));
        Assert.Empty(await browser.CspViolationsAsync());
    }

    [Fact]
    public async Task MarkupInACallersNameIsShownAsTextNeverRendered()
    {
        await using var factory = new TestServiceFactory();
        var service = KestrelHost.StartHttp(factory);
        using var attacker = new HttpClient { BaseAddress = service };
        attacker.DefaultRequestHeaders.Add("X-Test-Subject", "<b id=injected>eve</b>");
        Assert.Equal(HttpStatusCode.Forbidden, (await attacker.GetAsync(new Uri("/widgets/admin", UriKind.Relative))).StatusCode);
        await using var browser = await BrowserPage.OpenAsync(service);

        Assert.Equal(
            (0, true),
            (await browser.Page.Locator("#injected").CountAsync(), (await browser.TextOf("#callers")).Contains("<b id=injected>eve</b>", StringComparison.Ordinal)));
    }

    /// <summary>Denials by a named caller and by an anonymous one, an ownership probe, and a simulated alert.</summary>
    private static async Task PlantAsync(TestServiceFactory factory, Uri service)
    {
        using var mallory = new HttpClient { BaseAddress = service };
        mallory.DefaultRequestHeaders.Add("X-Test-Subject", "mallory");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await mallory.GetAsync(new Uri("/widgets/admin", UriKind.Relative))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await mallory.DeleteAsync(new Uri("/widgets/" + Guid.NewGuid(), UriKind.Relative))).StatusCode);

        using var stranger = new HttpClient { BaseAddress = service };
        stranger.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync(new Uri("/widgets/me", UriKind.Relative))).StatusCode);

        // The detectors raise these for real; here one is reported the way they will, through the SecurityEvents service.
        factory.Services.GetRequiredService<SecurityEvents>()
            .Report(SecurityEventKind.AnomalyRaised, "enumeration: 40 distinct ids in 60 s", "WidgetsApi.Delete", "mallory");
    }

    private static void AddBlocksAndAudit(IServiceCollection services)
    {
        services.AddSingleton<ISecurityViewBlocks>(new FixedBlocks([new SecurityViewBlock("ip:203.0.113.7", "enumeration", BlockedSince, BlockedSince.AddMinutes(15))]));
        services.AddSingleton<ISecurityViewAudit>(new FixedAudit(new SecurityViewAuditSummary(3, true, null,
        [
            new SecurityViewAuditRecord(3, BlockedSince, "ada", "delete", "widgets/7", "ok"),
            new SecurityViewAuditRecord(2, BlockedSince, "ada", "update", "widgets/7", "ok"),
            new SecurityViewAuditRecord(1, BlockedSince, "ada", "create", "widgets/7", "ok"),
        ])));
    }

    private sealed class FixedBlocks(IReadOnlyList<SecurityViewBlock> blocks) : ISecurityViewBlocks
    {
        public ValueTask<IReadOnlyList<SecurityViewBlock>> ActiveAsync(CancellationToken cancellationToken) => ValueTask.FromResult(blocks);
    }

    private sealed class FixedAudit(SecurityViewAuditSummary summary) : ISecurityViewAudit
    {
        public ValueTask<SecurityViewAuditSummary?> SummaryAsync(int recent, CancellationToken cancellationToken) => ValueTask.FromResult<SecurityViewAuditSummary?>(summary);
    }

    /// <summary>Chromium on the view's page as an admin person, once its data has been drawn.</summary>
    private sealed class BrowserPage : IAsyncDisposable
    {
        private readonly IPlaywright _playwright;
        private readonly IBrowser _browser;

        private BrowserPage(IPlaywright playwright, IBrowser browser, IPage page)
        {
            _playwright = playwright;
            _browser = browser;
            Page = page;
        }

        public IPage Page { get; }

        public List<string> ConsoleErrors { get; } = [];

        public static async Task<BrowserPage> OpenAsync(Uri service)
        {
            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox"], // CI runs as root, where Chromium's sandbox cannot start
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Test-Subject"] = "ada", ["X-Test-Roles"] = "admin" },
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            });
            var page = await context.NewPageAsync();
            var opened = new BrowserPage(playwright, browser, page);
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    opened.ConsoleErrors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => opened.ConsoleErrors.Add(error);
            await page.AddInitScriptAsync(
                "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");

            var response = await page.GotoAsync(new Uri(service, "/admin/security").ToString());
            Assert.Equal(200, response?.Status);
            await page.Locator("#status").Filter(new LocatorFilterOptions { HasTextString = "Updated" }).WaitForAsync();
            return opened;
        }

        public Task<string> TextOf(string selector) => Page.Locator(selector).InnerTextAsync();

        public Task<string[]> CspViolationsAsync() => Page.EvaluateAsync<string[]>("() => window.__cspViolations");

        public async ValueTask DisposeAsync()
        {
            await _browser.DisposeAsync();
            _playwright.Dispose();
        }
    }
}
