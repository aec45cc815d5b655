using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureApi.Generators.Tests;

/// <summary>
/// <c>[DisableRateLimiting]</c>: the only way out of the default rate limit. It reaches the endpoint definition, and it is
/// a warning (SAPI047, <see cref="Diagnostics.RateLimitOptOutAnalyzer"/>) a reviewer sees, reported once at the attribute
/// and suppressible only in the open; with <c>[RateLimit]</c> beside it, an error (SAPI048).
/// </summary>
public sealed class RateLimitOptOutTests
{
    private const string Models = """
        namespace Shop;

        public sealed record Item([MaxLength(40)] string Name);
        """;

    private const string Hint = "Shop.ItemsApi.Endpoints.g.cs";

    public static TheoryData<string, string> BadAndFixed => new()
    {
        // On the method.
        {
            """[Endpoints("/items")] public partial class ItemsApi { [Get(""), DisableRateLimiting] public Item[] List() => []; }""",
            """[Endpoints("/items")] public partial class ItemsApi { [Get(""), RateLimit("sensitive")] public Item[] List() => []; }"""
        },

        // On the class: once for the class, not once per endpoint.
        {
            """[Endpoints("/items"), DisableRateLimiting] public partial class ItemsApi { [Get("")] public Item[] List() => []; [Get("/{id}")] public Item? Get(Guid id) => null; }""",
            """[Endpoints("/items"), RateLimit("sensitive")] public partial class ItemsApi { [Get("")] public Item[] List() => []; [Get("/{id}")] public Item? Get(Guid id) => null; }"""
        },
    };

    [Theory]
    [MemberData(nameof(BadAndFixed))]
    public async Task OptOutIsReportedOnceAtTheAttributeAndNotForANamedPolicy(string bad, string good)
    {
        var reported = await AnalyzeAsync(bad);
        var fixedReported = await AnalyzeAsync(good);

        var diagnostic = Assert.Single(reported);
        Assert.Equal(
            ("SAPI047", DiagnosticSeverity.Warning, "SecureApi", "DisableRateLimiting", 0),
            (diagnostic.Id, diagnostic.Severity, diagnostic.Descriptor.Category, TextAt(diagnostic), fixedReported.Length));
    }

    [Fact]
    public async Task OptOutSuppressedInTheOpenIsNotReported()
    {
        var reported = await AnalyzeAsync("""
            [Endpoints("/items")]
            public partial class ItemsApi
            {
            #pragma warning disable SAPI047 // a reviewed opt-out
                [Get(""), DisableRateLimiting]
            #pragma warning restore SAPI047
                public Item[] List() => [];
            }
            """);

        Assert.Empty(reported);
    }

    [Fact]
    public async Task OptOutOutsideAnEndpointsClassIsNotReported()
    {
        var reported = await AnalyzeAsync("""[DisableRateLimiting] public sealed class Helper { [DisableRateLimiting] public void Run() { } }""");

        Assert.Empty(reported);
    }

    [Theory]
    [MemberData(nameof(BadAndFixed))]
    public void GeneratorLeavesTheWarningToTheAnalyzer(string bad, string good)
    {
        var run = Run(bad);

        Assert.Equal((0, 0), (run.Diagnostics.Length, Run(good).Diagnostics.Length));
    }

    [Theory]
    [MemberData(nameof(BadAndFixed))]
    public void OptedOutEndpointIsGeneratedWithTheFlag(string bad, string good)
    {
        var optedOut = Run(bad).Source(Hint);
        var named = Run(good).Source(Hint);

        Assert.Equal(
            (true, false),
            (optedOut.Contains("DisableRateLimiting = true,", StringComparison.Ordinal), named.Contains("DisableRateLimiting", StringComparison.Ordinal)));
    }

    [Fact]
    public void OptOutOnlyOnTheMethodLeavesItsSiblingLimited()
    {
        var run = Run("""
            [Endpoints("/items")]
            public partial class ItemsApi
            {
                [Get("/open"), DisableRateLimiting]
                public Item[] Open() => [];

                [Get("/counted")]
                public Item[] Counted() => [];
            }
            """);

        Assert.Equal(1, CountOf(run.Source(Hint), "DisableRateLimiting = true,"));
    }

    public static TheoryData<string> Contradictions => new()
    {
        """[Endpoints("/items")] public partial class ItemsApi { [Get(""), DisableRateLimiting, RateLimit("sensitive")] public Item[] List() => []; }""",
        """[Endpoints("/items"), RateLimit("sensitive")] public partial class ItemsApi { [Get(""), DisableRateLimiting] public Item[] List() => []; }""",
        """[Endpoints("/items"), DisableRateLimiting] public partial class ItemsApi { [Get(""), RateLimit("sensitive")] public Item[] List() => []; }""",
    };

    [Theory]
    [MemberData(nameof(Contradictions))]
    public void OptOutBesideANamedPolicyIsAnErrorAndTheEndpointIsNotGenerated(string source)
    {
        var run = Run(source);

        var error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var generated = run.HintNames.Contains(Hint) ? run.Source(Hint) : "";
        Assert.Equal(
            ("SAPI048", "List", false),
            (error.Id, run.TextAt(error), generated.Contains("EndpointMapping.Map(", StringComparison.Ordinal)));
    }

    private static int CountOf(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;

    /// <summary>SAPI047 as a build reports it: the analyzer over the user source and the generated source together.</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
    {
        var run = Run(source);
        var diagnostics = await run.Output
            .WithAnalyzers([new Diagnostics.RateLimitOptOutAnalyzer()])
            .GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.Where(d => d.Id.StartsWith("SAPI", StringComparison.Ordinal))];
    }

    private static string TextAt(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);

    private static GeneratorRun Run(string source) =>
        GeneratorHarness.Run([Models, "using Microsoft.AspNetCore.RateLimiting;\n\nnamespace Shop;\n\n" + source]);
}
