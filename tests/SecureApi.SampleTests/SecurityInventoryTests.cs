using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Hosting;
using SecureApi.SampleTests.Infrastructure;

namespace SecureApi.SampleTests;

/// <summary>
/// The sample's security inventory against the running sample: every endpoint it maps is in the inventory with the
/// protections its metadata really carries, and the file the MSBuild target wrote beside the build output is the same.
/// </summary>
public sealed class SecurityInventoryTests(AuthorizationMatrixTests.Host host) : IClassFixture<AuthorizationMatrixTests.Host>
{
    /// <summary>
    /// Mapped by <c>UseSecureApi</c>/<c>AddSecureApi</c> from configuration (Development only by default), not declared: the
    /// security view, the OpenAPI document and its reference page are not in the inventory.
    /// </summary>
    private static readonly string[] FrameworkPrefixes = ["/admin/security", "/openapi/", "/scalar"];

    [Fact]
    public async Task EveryMappedEndpointIsInTheInventory()
    {
        var inventory = await InventoryAsync(host.Services);

        var mapped = Mapped(host.Services).Keys.Where(key => !FrameworkPrefixes.Any(prefix => key.Contains(" " + prefix, StringComparison.Ordinal))).Order(StringComparer.Ordinal);
        Assert.Equal(mapped, Endpoints(inventory).Select(Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EachEndpointsProtectionsAreTheOnesItIsMappedWith()
    {
        var mapped = Mapped(host.Services);

        foreach (var endpoint in Endpoints(await InventoryAsync(host.Services)))
        {
            var metadata = mapped[Key(endpoint)].Metadata;
            var anonymous = endpoint.GetProperty("anonymous").GetBoolean();
            var rateLimit = endpoint.GetProperty("rateLimit");
            Assert.True(
                (anonymous, !anonymous, rateLimit.GetProperty("disabled").GetBoolean(), endpoint.GetProperty("name").GetString())
                == (metadata.GetMetadata<IAllowAnonymous>() is not null, metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0,
                    metadata.GetMetadata<DisableRateLimitingAttribute>() is not null, metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName),
                $"{Key(endpoint)}: the inventory says otherwise than the mapped endpoint's metadata");
            if (rateLimit.GetProperty("policy").GetString() is { } policy and not "default")
            {
                Assert.Equal(policy, metadata.GetMetadata<global::SecureApi.RateLimitAttribute>()?.Policy);
            }
        }
    }

    [Fact]
    public async Task TheHealthProbesOptOutAndItsSuppressedWarningAreListed()
    {
        var health = Endpoints(await InventoryAsync(host.Services)).Single(e => Key(e) == "GET /health");

        var suppressed = Assert.Single(health.GetProperty("suppressedDiagnostics").EnumerateArray());
        Assert.Equal(
            (true, true, "SAPI047", "pragma"),
            (health.GetProperty("anonymous").GetBoolean(), health.GetProperty("rateLimit").GetProperty("disabled").GetBoolean(),
                suppressed.GetProperty("id").GetString(), suppressed.GetProperty("via").GetString()));
    }

    [Fact]
    public async Task TheBuildWroteTheSameInventoryBesideTheSamplesOutput()
    {
        // The sample's build output for the configuration these tests were built in (…/bin/<Configuration>/net10.0/).
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var written = Path.Combine(SampleCommand.SampleDirectory(), "bin", testOutput.Parent!.Name, testOutput.Name, "security-inventory.json");

        Assert.Equal(await InventoryTextAsync(host.Services), await File.ReadAllTextAsync(written));
    }

    [Fact]
    public async Task TheCommandRunsInProductionWithNoDatabaseOrSecretConfigured()
    {
        // In Production with nothing configured, the service itself would refuse to start (no cursor key, engine or
        // encryption key), and so would `schema`; the inventory is read from the assembly and needs none of them.
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NotesService.dll"));
        start.ArgumentList.Add("inventory");
        start.ArgumentList.Add("--format");
        start.ArgumentList.Add("markdown");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, "inventory failed: " + await error);
        Assert.StartsWith("## Security inventory: `NotesService`", await output, StringComparison.Ordinal);
    }

    internal static async Task<string> InventoryTextAsync(IServiceProvider services, params string[] options)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = await SecureApiCommands.RunAsync(services, ["inventory", .. options], output, error);
        Assert.True(exitCode == 0, "inventory failed: " + error);
        return output.ToString();
    }

    internal static async Task<JsonElement> InventoryAsync(IServiceProvider services) =>
        JsonDocument.Parse(await InventoryTextAsync(services)).RootElement;

    internal static IEnumerable<JsonElement> Endpoints(JsonElement inventory) => inventory.GetProperty("endpoints").EnumerateArray();

    internal static string Key(JsonElement endpoint) => endpoint.GetProperty("method").GetString() + " " + endpoint.GetProperty("route").GetString();

    private static Dictionary<string, RouteEndpoint> Mapped(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (Key: m + " " + e.RoutePattern.RawText, Endpoint: e)))
            .ToDictionary(p => p.Key, p => p.Endpoint, StringComparer.Ordinal);
}
