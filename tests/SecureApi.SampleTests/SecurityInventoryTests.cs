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
    [Fact]
    public async Task EveryMappedEndpointIsInTheInventory()
    {
        var inventory = await InventoryAsync(host.Services);

        // Declared endpoints and the routes SecureApi maps from configuration, each once: nothing served is missing.
        var listed = Endpoints(inventory).Concat(FrameworkEndpoints(inventory).Where(e => e.GetProperty("served").GetBoolean())).Select(Key);
        Assert.Equal(Mapped(host.Services).Keys.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheInventoryListsTheSchemaSnapshotTheSampleWasBuiltWith()
    {
        var schema = (await InventoryAsync(host.Services)).GetProperty("databaseSchema");

        Assert.Equal(("secureapi.schema.json", 2), (schema.GetProperty("snapshot").GetString(), schema.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task EachServedFrameworkRouteIsAnonymousExactlyWhenItsMetadataSaysSo()
    {
        var mapped = Mapped(host.Services);

        foreach (var endpoint in FrameworkEndpoints(await InventoryAsync(host.Services)).Where(e => e.GetProperty("served").GetBoolean()))
        {
            var metadata = mapped[Key(endpoint)].Metadata;
            var protectedByPolicy = metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 || metadata.GetMetadata<AuthorizationPolicy>() is not null;
            Assert.True(
                (endpoint.GetProperty("anonymous").GetBoolean(), !endpoint.GetProperty("anonymous").GetBoolean())
                == (metadata.GetMetadata<IAllowAnonymous>() is not null, protectedByPolicy),
                $"{Key(endpoint)}: the inventory says otherwise than the mapped endpoint's metadata");
        }
    }

    [Fact]
    public async Task InDevelopmentTheDocumentTheReferencePageAndTheSecurityViewAreListedAsServed()
    {
        var framework = FrameworkEndpoints(await InventoryAsync(host.Services)).Where(e => e.GetProperty("route").GetString() is "/openapi/{documentName}.json" or "/scalar/{documentName?}" or "/admin/security");

        Assert.Equal(
            [("/openapi/{documentName}.json", true, true), ("/scalar/{documentName?}", true, true), ("/admin/security", true, false)],
            framework.Select(e => (e.GetProperty("route").GetString(), e.GetProperty("served").GetBoolean(), e.GetProperty("anonymous").GetBoolean())));
    }

    [Fact]
    public async Task InProductionWithNothingConfiguredNoneOfThemIsServed()
    {
        var (exitCode, output, error) = await SampleProcessAsync("Production", "inventory");

        Assert.True(exitCode == 0, "inventory failed: " + error);
        var inventory = JsonDocument.Parse(output).RootElement;
        Assert.Equal("Production", inventory.GetProperty("environment").GetString());
        Assert.Equal(
            [("/openapi/{documentName}.json", false), ("/scalar/{documentName?}", false), ("/admin/security", false), ("/admin/security/data", false)],
            FrameworkEndpoints(inventory).Where(e => e.GetProperty("route").GetString() is "/openapi/{documentName}.json" or "/scalar/{documentName?}" or "/admin/security" or "/admin/security/data")
                .Select(e => (e.GetProperty("route").GetString(), e.GetProperty("served").GetBoolean())));
        Assert.DoesNotContain(FrameworkEndpoints(inventory), e => e.GetProperty("served").GetBoolean());
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

        // The build ran the command in its own environment (Production unless set), these tests' host runs in
        // Development: what the generator built in is the same, the framework routes are each environment's own.
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(Generated(await File.ReadAllTextAsync(written)), Generated(await InventoryTextAsync(host.Services))), "the build's inventory differs from the command's");
    }

    [Fact]
    public async Task TheCommandRunsInProductionWithNoDatabaseOrSecretConfigured()
    {
        // In Production with nothing configured, the service itself would refuse to start (no cursor key, engine or
        // encryption key), and so would `schema`; the inventory is read from the assembly and needs none of them.
        var (exitCode, output, error) = await SampleProcessAsync("Production", "inventory", "--format", "markdown");

        Assert.True(exitCode == 0, "inventory failed: " + error);
        Assert.StartsWith("## Security inventory: `NotesService`", output, StringComparison.Ordinal);
    }

    private static System.Text.Json.Nodes.JsonObject Generated(string json)
    {
        var inventory = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        Assert.True(inventory.Remove("environment") && inventory.Remove("frameworkEndpoints"), "the command did not add the environment and the framework routes");
        return inventory;
    }

    /// <summary>Runs the sample's own process with <paramref name="args"/> in <paramref name="environment"/>, nothing else configured.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> SampleProcessAsync(string environment, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NotesService.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
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

    internal static IEnumerable<JsonElement> FrameworkEndpoints(JsonElement inventory) => inventory.GetProperty("frameworkEndpoints").EnumerateArray();

    internal static string Key(JsonElement endpoint) => endpoint.GetProperty("method").GetString() + " " + endpoint.GetProperty("route").GetString();

    private static Dictionary<string, RouteEndpoint> Mapped(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (Key: m + " " + e.RoutePattern.RawText, Endpoint: e)))
            .ToDictionary(p => p.Key, p => p.Endpoint, StringComparer.Ordinal);
}
