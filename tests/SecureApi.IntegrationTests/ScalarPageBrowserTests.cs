using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SecureApi.IntegrationTests;

/// <summary>
/// The Scalar reference page in a real browser (the system Chromium through Playwright, as the security view's test):
/// it loads its script from the service, renders the service's operations from /openapi/v1.json, and does so under its
/// route-scoped Content-Security-Policy: its inline script runs by the per-response nonce, and the one thing the policy
/// refuses is the bundle's attempt at <c>eval</c>, which the page does without. The screenshot is kept under the test's
/// output, <c>artifacts/scalar-page.png</c>.
/// </summary>
public sealed class ScalarPageBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ThePageRendersTheOperationsUnderItsContentSecurityPolicy()
    {
        await using var factory = new TestServiceFactory();
        var service = KestrelHost.StartHttp(factory);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox"], // CI runs as root, where Chromium's sandbox cannot start
        });
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.AddInitScriptAsync(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");

        var response = await page.GotoAsync(new Uri(service, "/scalar/").ToString());
        await page.GetByText("GET /admin/blocks").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "scalar-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        output.WriteLine("Scalar page screenshot: " + screenshot);

        Assert.Equal(200, response?.Status);
        Assert.Equal("SecureApi.TestService | v1", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First.InnerTextAsync());
        Assert.All(violations, violation => Assert.Equal("script-src eval", violation));
        Assert.Empty(errors);
    }
}
