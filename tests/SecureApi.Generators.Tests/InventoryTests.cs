using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SecureApi.Generators.Tests;

/// <summary>
/// The security inventory the generator emits (<c>SecureApiInventory.g.cs</c>): what protects each endpoint, which
/// stores it reaches, what it exposes, and every way a SecureApi diagnostic can be silenced on it — a pragma (with its
/// comment), <c>[SuppressMessage]</c> (with its justification), NoWarn, an .editorconfig severity.
/// </summary>
public sealed class InventoryTests
{
    private const string Resources = """
        namespace Shop;

        [Resource("notes")]
        public sealed record Note
        {
            [Key] public Guid Id { get; init; }
            [Owner] public string OwnerId { get; init; } = "";
            [MaxLength(200)] public required string Title { get; init; }
            [Encrypted] public string? Secret { get; init; }
            [Sensitive] public string? Flag { get; init; }
        }

        [Resource("docs")]
        public sealed record Doc
        {
            [Key] public Guid Id { get; init; }
            [Tenant] public string TenantId { get; init; } = "";
            [MaxLength(200)] public required string Name { get; init; }
        }

        public sealed record NewNote([Required, MaxLength(200)] string Title);
        public sealed record Health(string Status);
        """;

    private const string Endpoints = """
        using Microsoft.AspNetCore.RateLimiting;

        namespace Shop;

        [Endpoints("/notes"), RateLimit("per-user"), RequireClientKind(ClientKind.User)]
        public sealed partial class NotesApi(NoteStore notes)
        {
            [Get("/{id}"), RequireScope("notes:read")]
            public partial Task<Note?> Get(Guid id);

            [Post(""), RequireScope("notes:write"), MaxBodySize(4096)]
            public partial Task<Note> Create(NewNote body);
        }

        [Endpoints("/docs")]
        public sealed partial class DocsApi
        {
            [Get("/{id}")]
            public partial Task<Doc?> Get(Guid id);
        }

        [Endpoints("/admin/notes"), RequireRole("admin", "auditor")]
        public sealed partial class NotesAdminApi(NoteAdminStore notes)
        {
            [Delete("/{id}")]
            public Task<bool> Delete(Guid id, CancellationToken cancellationToken) => notes.DeleteAsync(id, cancellationToken);
        }

        [Endpoints(""), AllowAnonymous]
        public sealed partial class HealthApi
        {
        #pragma warning disable SAPI047 // polled by the orchestrator
            [Get("/health"), DisableRateLimiting]
        #pragma warning restore SAPI047
            public static Health Check() => new("ok");

            [Get("/ready")]
            public static Health Ready() => new("ok");
        }
        """;

    [Fact]
    public void EveryEndpointIsListedWithItsProtections()
    {
        var inventory = Inventory(GeneratorHarness.Run(Resources, Endpoints));

        var create = Endpoint(inventory, "POST /notes");
        Assert.False(create.GetProperty("anonymous").GetBoolean());
        Assert.Equal(["Bearer", "ApiKey"], Strings(create.GetProperty("authenticationSchemes")));
        Assert.Equal(["notes:write"], Strings(create.GetProperty("scopes")[0]));
        Assert.Equal(["User"], Strings(create.GetProperty("clientKinds")));
        Assert.Equal("per-user", create.GetProperty("rateLimit").GetProperty("policy").GetString());
        Assert.Equal(4096, create.GetProperty("maxBodyBytes").GetInt64());
        Assert.Equal(["required", "noNul", "maxLength 200"], Strings(create.GetProperty("validation")[0].GetProperty("rules")));
        Assert.Equal(["admin", "auditor"], Strings(Endpoint(inventory, "DELETE /admin/notes/{id}").GetProperty("roles")[0]));
        Assert.True(Endpoint(inventory, "GET /ready").GetProperty("anonymous").GetBoolean());
        Assert.Empty(Strings(Endpoint(inventory, "GET /ready").GetProperty("authenticationSchemes")));
    }

    [Fact]
    public void StoresSayWhoseRowsAnEndpointReaches()
    {
        var inventory = Inventory(GeneratorHarness.Run(Resources, Endpoints));

        Assert.Equal("Note:owner", Store(Endpoint(inventory, "GET /notes/{id}")));
        Assert.Equal("Doc:tenant", Store(Endpoint(inventory, "GET /docs/{id}")));
        Assert.Equal("Note:admin", Store(Endpoint(inventory, "DELETE /admin/notes/{id}")));
        Assert.Equal(0, Endpoint(inventory, "GET /health").GetProperty("stores").GetArrayLength());
    }

    [Fact]
    public void SensitiveMembersAreListedButNotAmongTheResponseMembers()
    {
        var get = Endpoint(Inventory(GeneratorHarness.Run(Resources, Endpoints)), "GET /notes/{id}");

        Assert.Equal(["Note.flag"], Strings(get.GetProperty("sensitiveMembers")));
        Assert.Equal(["Note.secret"], Strings(get.GetProperty("encryptedMembers")));
        Assert.DoesNotContain("flag", Strings(get.GetProperty("responseMembers")));
        Assert.Contains("title", Strings(get.GetProperty("responseMembers")));
    }

    [Fact]
    public void APragmaSuppressionIsListedWithItsComment()
    {
        var health = Endpoint(Inventory(GeneratorHarness.Run(Resources, Endpoints)), "GET /health");

        Assert.True(health.GetProperty("rateLimit").GetProperty("disabled").GetBoolean());
        Assert.Equal(["SAPI047 pragma polled by the orchestrator"], Suppressions(health));
        Assert.Empty(Suppressions(Endpoint(Inventory(GeneratorHarness.Run(Resources, Endpoints)), "GET /ready")));
    }

    [Fact]
    public void NoWarnIsListedOnTheEndpointsItSilencesAWarningOn()
    {
        var compilation = GeneratorHarness.Compile(Resources, Endpoints.Replace("#pragma warning disable SAPI047 // polled by the orchestrator", "", StringComparison.Ordinal));
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            compilation.Options.SpecificDiagnosticOptions.SetItem("SAPI047", ReportDiagnostic.Suppress)));

        var inventory = Inventory(GeneratorHarness.Run(compilation));

        Assert.Equal(["SAPI047 NoWarn "], Suppressions(Endpoint(inventory, "GET /health")));
        Assert.Empty(Suppressions(Endpoint(inventory, "GET /ready")));
    }

    [Fact]
    public void AnEditorConfigSeverityIsListed()
    {
        var compilation = GeneratorHarness.Compile(Resources, Endpoints.Replace("#pragma warning disable SAPI047 // polled by the orchestrator", "", StringComparison.Ordinal));
        compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new SuppressedIn(GeneratorHarness.SourcePath(1), "SAPI047")));

        var inventory = Inventory(GeneratorHarness.Run(compilation));

        Assert.Equal(["SAPI047 editorconfig "], Suppressions(Endpoint(inventory, "GET /health")));
    }

    [Fact]
    public void ASuppressMessageAttributeIsListedWithItsJustification()
    {
        var edited = Endpoints
            .Replace("#pragma warning disable SAPI047 // polled by the orchestrator", "", StringComparison.Ordinal)
            .Replace("public static Health Check()", "[System.Diagnostics.CodeAnalysis.SuppressMessage(\"SecureApi\", \"SAPI047:Endpoint opts out of rate limiting\", Justification = \"probe\")]\n    public static Health Check()", StringComparison.Ordinal);

        var inventory = Inventory(GeneratorHarness.Run(Resources, edited));

        Assert.Equal(["SAPI047 SuppressMessage probe"], Suppressions(Endpoint(inventory, "GET /health")));
    }

    [Fact]
    public void EditingAPragmasJustificationReachesTheInventoryOfAnIncrementalRun()
    {
        // The suppressions are part of the endpoint model: a changed one must not stay cached.
        var first = GeneratorHarness.Run(Resources, Endpoints);
        var path = GeneratorHarness.SourcePath(1);
        var edited = Endpoints.Replace("// polled by the orchestrator", "// polled by the load balancer", StringComparison.Ordinal);

        var second = GeneratorHarness.Run(
            first.Input.ReplaceSyntaxTree(first.Input.SyntaxTrees.Single(t => t.FilePath == path), GeneratorHarness.Parse(edited, path)), first.Driver);

        Assert.Equal(["SAPI047 pragma polled by the load balancer"], Suppressions(Endpoint(Inventory(second), "GET /health")));
    }

    [Fact]
    public void TheInventoryIsHandedToTheRuntimeByAModuleInitializer()
    {
        var source = GeneratorHarness.Run(Resources, Endpoints).Source("SecureApiInventory.g.cs");

        Assert.Contains("[global::System.Runtime.CompilerServices.ModuleInitializer]", source, StringComparison.Ordinal);
        Assert.Contains("global::SecureApi.Infrastructure.SecurityInventoryRegistry.Register(Json);", source, StringComparison.Ordinal);
    }

    /// <summary>The JSON of the generated constant (a verbatim literal).</summary>
    internal static JsonElement Inventory(GeneratorRun run)
    {
        var tree = CSharpSyntaxTree.ParseText(run.Source("SecureApiInventory.g.cs"));
        var literal = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax>().First(l => l.Token.Text.StartsWith("@\"", StringComparison.Ordinal));
        return JsonDocument.Parse(literal.Token.ValueText).RootElement;
    }

    private static JsonElement Endpoint(JsonElement inventory, string key) =>
        inventory.GetProperty("endpoints").EnumerateArray().Single(e => e.GetProperty("method").GetString() + " " + e.GetProperty("route").GetString() == key);

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static string Store(JsonElement endpoint) =>
        string.Join(",", endpoint.GetProperty("stores").EnumerateArray().Select(s => s.GetProperty("resource").GetString() + ":" + s.GetProperty("scope").GetString()));

    private static string[] Suppressions(JsonElement endpoint) =>
        [.. endpoint.GetProperty("suppressedDiagnostics").EnumerateArray().Select(s => s.GetProperty("id").GetString() + " " + s.GetProperty("via").GetString() + " " + s.GetProperty("justification").GetString())];

    /// <summary>What an .editorconfig's <c>dotnet_diagnostic.ID.severity = none</c> gives the compilation for one file.</summary>
    private sealed class SuppressedIn(string path, string id) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Suppress;
            return tree.FilePath == path && diagnosticId == id;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return false;
        }
    }
}
