using Microsoft.CodeAnalysis;

namespace SecureApi.Generators.Tests;

/// <summary>
/// <c>[RequireScope]</c> and <c>[RequireClientKind]</c>: what reaches the endpoint metadata (class and method combined),
/// and SAPI044-SAPI046, each firing on the shape it describes and silent on its fix.
/// </summary>
public sealed class CallerRequirementTests
{
    private const string Models = """
        namespace Shop;

        public sealed record Item([MaxLength(40)] string Name);
        """;

    public static TheoryData<string, string, string, string> BadAndFixed => new()
    {
        // SAPI044: a requirement an anonymous caller never meets, on the method, the class, or split between them.
        {
            "SAPI044",
            """[Endpoints("/items")] public partial class ItemsApi { [Get(""), AllowAnonymous, RequireScope("items:read")] public Item[] List() => []; }""",
            """[Endpoints("/items")] public partial class ItemsApi { [Get(""), RequireScope("items:read")] public Item[] List() => []; }""",
            "RequireScope(\"items:read\")"
        },
        {
            "SAPI044",
            """[Endpoints("/items"), RequireClientKind(ClientKind.Service)] public partial class ItemsApi { [Get(""), AllowAnonymous] public Item[] List() => []; }""",
            """[Endpoints("/items"), RequireClientKind(ClientKind.Service)] public partial class ItemsApi { [Get("")] public Item[] List() => []; }""",
            "AllowAnonymous"
        },
        {
            "SAPI044",
            """[Endpoints("/items"), AllowAnonymous] public partial class ItemsApi { [Get(""), RequireClientKind(ClientKind.User)] public Item[] List() => []; }""",
            """[Endpoints("/items")] public partial class ItemsApi { [Get(""), RequireClientKind(ClientKind.User)] public Item[] List() => []; }""",
            "RequireClientKind(ClientKind.User)"
        },
        {
            "SAPI044",
            """[Endpoints("/items"), AllowAnonymous, RequireScope("items:read")] public partial class ItemsApi { [Get("")] public Item[] List() => []; }""",
            """[Endpoints("/items"), RequireScope("items:read")] public partial class ItemsApi { [Get("")] public Item[] List() => []; }""",
            "RequireScope(\"items:read\")"
        },

        // SAPI045: not a scope token.
        {
            "SAPI045",
            """[Endpoints("/items")] public partial class ItemsApi { [Get(""), RequireScope("")] public Item[] List() => []; }""",
            """[Endpoints("/items")] public partial class ItemsApi { [Get(""), RequireScope("items:read")] public Item[] List() => []; }""",
            "RequireScope(\"\")"
        },
        {
            "SAPI045",
            """[Endpoints("/items")] public partial class ItemsApi { [Get(""), RequireScope] public Item[] List() => []; }""",
            """[Endpoints("/items")] public partial class ItemsApi { [Get(""), RequireScope("items:read")] public Item[] List() => []; }""",
            "RequireScope"
        },
        {
            "SAPI045",
            """[Endpoints("/items")] public partial class ItemsApi { [Get(""), RequireScope("items:read items:write")] public Item[] List() => []; }""",
            """[Endpoints("/items")] public partial class ItemsApi { [Get(""), RequireScope("items:read", "items:write")] public Item[] List() => []; }""",
            "RequireScope(\"items:read items:write\")"
        },
        {
            "SAPI045",
            """[Endpoints("/items"), RequireScope("items\"read")] public partial class ItemsApi { [Get("")] public Item[] List() => []; }""",
            """[Endpoints("/items"), RequireScope("items:read")] public partial class ItemsApi { [Get("")] public Item[] List() => []; }""",
            "RequireScope(\"items\\\"read\")"
        },

        // SAPI046: no kind left that may call.
        {
            "SAPI046",
            """[Endpoints("/items"), RequireClientKind(ClientKind.Service)] public partial class ItemsApi { [Get(""), RequireClientKind(ClientKind.User)] public Item[] List() => []; }""",
            """[Endpoints("/items"), RequireClientKind(ClientKind.Service, ClientKind.User)] public partial class ItemsApi { [Get(""), RequireClientKind(ClientKind.User)] public Item[] List() => []; }""",
            "List"
        },
        {
            "SAPI046",
            """[Endpoints("/items")] public partial class ItemsApi { [Get(""), RequireClientKind] public Item[] List() => []; }""",
            """[Endpoints("/items")] public partial class ItemsApi { [Get(""), RequireClientKind(ClientKind.Agent)] public Item[] List() => []; }""",
            "List"
        },
        {
            "SAPI046",
            """[Endpoints("/items")] public partial class ItemsApi { [Get(""), RequireClientKind((ClientKind)7)] public Item[] List() => []; }""",
            """[Endpoints("/items")] public partial class ItemsApi { [Get(""), RequireClientKind(ClientKind.Service)] public Item[] List() => []; }""",
            "List"
        },
    };

    [Theory]
    [MemberData(nameof(BadAndFixed))]
    public void ReportsTheBadShapeAndNothingForItsFix(string id, string bad, string good, string at)
    {
        var run = Run(bad);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal((id, DiagnosticSeverity.Error, at), (diagnostic.Id, diagnostic.Severity, run.TextAt(diagnostic)));
        var hint = "Shop.ItemsApi.Endpoints.g.cs";
        Assert.DoesNotContain("EndpointMapping.Map(", run.HintNames.Contains(hint) ? run.Source(hint) : "", StringComparison.Ordinal);

        var fixedRun = Run(good);
        Assert.Empty(fixedRun.Diagnostics);
        Assert.Empty(fixedRun.CompilationProblems);
    }

    [Fact]
    public void TheMethodNarrowsTheClass()
    {
        var run = Run("""
            [Endpoints("/items"), RequireScope("items:read", "items:admin"), RequireClientKind(ClientKind.Agent, ClientKind.User, ClientKind.Service)]
            public partial class ItemsApi
            {
                [Get("")]
                public Item[] List() => [];

                [Delete("/{id}"), RequireScope("items:write"), RequireClientKind(ClientKind.Service, ClientKind.User)]
                public bool Delete(Guid id) => true;
            }
            """);

        Assert.Empty(run.Diagnostics);
        var source = run.Source("Shop.ItemsApi.Endpoints.g.cs");
        Assert.Contains(
            """
                        Route = "/items",
                        Name = "ItemsApi.List",
                        Tag = "ItemsApi",
                        ScopeSets = ["items:read items:admin"],
                        ClientKinds = [global::SecureApi.ClientKind.User, global::SecureApi.ClientKind.Service, global::SecureApi.ClientKind.Agent],
            """, source, StringComparison.Ordinal);
        Assert.Contains(
            """
                        ScopeSets = ["items:read items:admin", "items:write"],
                        ClientKinds = [global::SecureApi.ClientKind.User, global::SecureApi.ClientKind.Service],
            """, source, StringComparison.Ordinal);
    }

    private static GeneratorRun Run(string source) =>
        GeneratorHarness.Run([Models, "namespace Shop;\n\n" + source]);
}
