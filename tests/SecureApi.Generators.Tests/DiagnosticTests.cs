using Microsoft.CodeAnalysis;

namespace SecureApi.Generators.Tests;

/// <summary>Each SAPI diagnostic fires on the shape it describes, and points at the user's declaration.</summary>
public sealed class DiagnosticTests
{
    private const string Models = """
        namespace Shop;

        public sealed record Item([MaxLength(40)] string Name);

        public sealed record Note([MaxLength(200)] string Text);

        public interface IClock
        {
            DateTimeOffset Now { get; }
        }
        """;

    [Fact]
    public void ReportsNothingForAWellFormedService()
    {
        var run = GeneratorHarness.Run(RepresentativeService.Sources);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void ReportsUntrustedTextOnARequestMemberThatIsNotAString()
    {
        var run = Run("""
            public sealed record Rating([Range(1, 5), UntrustedText] int Stars, [MaxLength(500), UntrustedText] string Comment);

            [Endpoints("/ratings")]
            public partial class RatingsApi
            {
                [Post("")]
                public Rating Rate(Rating body) => body;
            }
            """);

        AssertSingle(run, "SAPI060", at: "Stars");
    }

    [Fact]
    public void ReportsMissingPartialOnEndpointClass()
    {
        var run = Run("""
            [Endpoints("/items")]
            public class ItemsApi
            {
                [Get("")]
                public Item[] List() => [];
            }
            """);

        AssertSingle(run, "SAPI001", at: "ItemsApi");
        Assert.DoesNotContain("Shop.ItemsApi.Endpoints.g.cs", run.HintNames);
    }

    [Theory]
    [InlineData("System.IO.Stream content", "content")]
    [InlineData("IClock clock", "clock")]
    [InlineData("[Query] Item item", "item")]
    [InlineData("int[] ids", "ids")]
    public void ReportsParameterThatCannotBeBound(string parameter, string name)
    {
        var run = Run($$"""
            [Endpoints("/items")]
            public partial class ItemsApi
            {
                [Get("")]
                public Item[] List({{parameter}}) => [];
            }
            """);

        AssertSingle(run, "SAPI002", at: name);
    }

    [Fact]
    public void ReportsRouteParameterOfTypeThatCannotBeParsed()
    {
        var run = Run("""
            [Endpoints("/items")]
            public partial class ItemsApi
            {
                [Get("/{item}")]
                public Item Get(Item item) => item;
            }
            """);

        AssertSingle(run, "SAPI002", at: "item");
    }

    [Fact]
    public void ReportsDuplicateRouteInOneClass()
    {
        var run = Run("""
            [Endpoints("/items")]
            public partial class ItemsApi
            {
                [Get("/{id}")]
                public Item? Find(Guid id) => null;

                [Get("/{id}")]
                public Item? Lookup(Guid id) => null;
            }
            """);

        var diagnostic = AssertSingle(run, "SAPI003", at: "Lookup");
        Assert.Contains("GET /items/{id} is declared by both 'ItemsApi.Find' and 'ItemsApi.Lookup'", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsDuplicateRouteAcrossClasses()
    {
        var run = Run(
            """
            [Endpoints("/items")]
            public partial class ItemsApi
            {
                [Post("")]
                public Item Create(Item body) => body;
            }
            """,
            """
            [Endpoints("/")]
            public partial class LegacyApi
            {
                [Post("/items/")]
                public Item Add(Item body) => body;
            }
            """);

        var diagnostic = AssertSingle(run, "SAPI003", at: "Add");
        Assert.Contains("'ItemsApi.Create' and 'LegacyApi.Add'", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsRoutesThatDifferOnlyInParameterNamesAsDuplicates()
    {
        var run = Run("""
            [Endpoints("/items")]
            public partial class ItemsApi
            {
                [Delete("/{id}")]
                public bool Delete(Guid id) => true;

                [Delete("/{key:guid}")]
                public bool Remove(Guid key) => true;
            }
            """);

        AssertSingle(run, "SAPI003", at: "Remove");
    }

    [Fact]
    public void DoesNotReportTheSameRouteUnderDifferentMethods()
    {
        var run = Run("""
            [Endpoints("/items")]
            public partial class ItemsApi
            {
                [Get("/{id}")]
                public Item? Get(Guid id) => null;

                [Put("/{id}")]
                public Item? Replace(Guid id, Item body) => body;

                [Get("/count")]
                public int Count() => 0;
            }
            """);

        Assert.Empty(run.Diagnostics);
    }

    [Theory]
    [InlineData("string Name", "Name", "string")]
    [InlineData("[MinLength(1)] string Name", "Name", "string")]
    [InlineData("[Required] string Name", "Name", "string")]
    [InlineData("List<Item> Items", "Items", "collection")]
    [InlineData("[MinLength(1)] Item[] Items", "Items", "collection")]
    public void ReportsRequestMemberWithoutSizeLimit(string member, string name, string kind)
    {
        var run = Run($$"""
            public sealed record NewThing({{member}});

            [Endpoints("/things")]
            public partial class ThingsApi
            {
                [Post("")]
                public void Create(NewThing body) { }
            }
            """);

        var diagnostic = AssertSingle(run, "SAPI004", at: name);
        Assert.Contains($"'NewThing.{name}' is a {kind}", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsUnboundedMemberOfNestedRequestType()
    {
        var run = Run("""
            public sealed class Address
            {
                public string? Street { get; set; }
            }

            public sealed record NewThing([MaxLength(10)] string Name, Address? Address);

            [Endpoints("/things")]
            public partial class ThingsApi
            {
                [Post("")]
                public void Create(NewThing body) { }
            }
            """);

        var diagnostic = AssertSingle(run, "SAPI004", at: "Street");
        Assert.Contains("'Address.Street' is a string", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void DoesNotRequireSizeLimitsOnResponseTypes()
    {
        var run = Run("""
            public sealed record Page(List<string> Names, string Cursor);

            [Endpoints("/pages")]
            public partial class PagesApi
            {
                [Get("")]
                public Page First() => new([], "");
            }
            """);

        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void ReportsRouteParameterWithoutMethodParameter()
    {
        var run = Run("""
            [Endpoints("/items")]
            public partial class ItemsApi
            {
                [Get("/{id}/notes/{noteId}")]
                public Note[] Notes(Guid id) => [];
            }
            """);

        var diagnostic = AssertSingle(run, "SAPI005", at: "Notes");
        Assert.Contains("Route '/items/{id}/notes/{noteId}' of 'Notes' has the parameter '{noteId}'", Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("object")]
    [InlineData("Task<object>")]
    [InlineData("System.IO.Stream")]
    [InlineData("nint")]
    [InlineData("(int, string)")]
    public void ReportsUnsupportedReturnType(string returnType)
    {
        var run = Run($$"""
            [Endpoints("/items")]
            public partial class ItemsApi
            {
                [Get("")]
                public {{returnType}} Get() => throw new NotSupportedException();
            }
            """);

        AssertSingle(run, "SAPI006", at: "Get");
    }

    [Fact]
    public void ReportsSecondBodyParameter()
    {
        var run = Run("""
            [Endpoints("/items")]
            public partial class ItemsApi
            {
                [Post("")]
                public Item Create(Item item, Note note) => item;
            }
            """);

        var diagnostic = AssertSingle(run, "SAPI007", at: "note");
        Assert.Contains("'Create' has more than one JSON body parameter ('item' and 'note')", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsRequestMemberOfUnsupportedType()
    {
        var run = Run("""
            public sealed record NewThing([MaxLength(10)] string Name, object Payload);

            [Endpoints("/things")]
            public partial class ThingsApi
            {
                [Post("")]
                public void Create(NewThing body) { }
            }
            """);

        var diagnostic = AssertSingle(run, "SAPI008", at: "Payload");
        Assert.Contains("'NewThing.Payload' has type 'object'", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsResponseMemberOfUnsupportedType()
    {
        var run = Run("""
            public sealed record Thing(string Name, IntPtr Handle);

            [Endpoints("/things")]
            public partial class ThingsApi
            {
                [Get("")]
                public Thing Get() => new("", 0);
            }
            """);

        AssertSingle(run, "SAPI008", at: "Handle");
    }

    [Fact]
    public void ReportsJsonTypesThatShareAName()
    {
        // Same simple names in two namespaces are qualified automatically; a type literally named like another's
        // generated name (NoteArray beside Note[]) is the clash that is left to report.
        var run = GeneratorHarness.Run(
            """
            namespace Shop;

            public sealed record Note(string Title);
            public sealed record NoteArray(int Count);

            [Endpoints("/notes")]
            public partial class NotesApi
            {
                [Get("")] public Note[] List() => [];
                [Get("/count")] public NoteArray Count() => new(0);
            }
            """);

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "SAPI009");
        Assert.Contains("would both be exposed as 'NoteArray'", Message(diagnostic), StringComparison.Ordinal);

        // The clash is found on the merged type list, which has no declaration to point at: the diagnostic has no location.
        Assert.Equal(Location.None, diagnostic.Location);
    }

    [Fact]
    public void ReportsNestedEndpointClass()
    {
        var run = Run("""
            public partial class Outer
            {
                [Endpoints("/items")]
                public partial class ItemsApi
                {
                    [Get("")]
                    public Item[] List() => [];
                }
            }
            """);

        AssertSingle(run, "SAPI010", at: "ItemsApi");
        Assert.Equal(["SecureApiEndpointRouteBuilderExtensions.g.cs", "SecureApiInventory.g.cs", "SecureApiJsonContext.g.cs", "SecureApiOpenApiSchemas.g.cs", "SecureApiValidators.g.cs"], run.HintNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReportsGenericEndpointClass()
    {
        var run = Run("""
            [Endpoints("/items")]
            public partial class ItemsApi<T>
            {
                [Get("")]
                public Item[] List() => [];
            }
            """);

        AssertSingle(run, "SAPI010", at: "ItemsApi");
    }

    [Fact]
    public void ReportsAuthorizeOptionSecureApiCannotHonour()
    {
        var run = Run("""
            [Endpoints("/items")]
            public partial class ItemsApi
            {
                [Get(""), Authorize(AuthenticationSchemes = "Cookies")]
                public Item[] List() => [];
            }
            """);

        AssertSingle(run, "SAPI042", at: "Authorize(AuthenticationSchemes = \"Cookies\")");

        var fixedRun = Run("""
            [Endpoints("/items")]
            public partial class ItemsApi
            {
                [Get(""), Authorize(Policy = "Reader")]
                public Item[] List() => [];
            }
            """);
        Assert.Empty(fixedRun.Diagnostics);
    }

    [Fact]
    public void BindsWithAspNetCoresOwnAttributes()
    {
        var run = Run("""
            using Microsoft.AspNetCore.Mvc;

            [Endpoints("/items"), Authorize(Roles = "admin, auditor")]
            public partial class ItemsApi
            {
                [Get("/{id}"), Authorize(Policy = "Reader")]
                public Item Get(
                    [FromRoute(Name = "id")] Guid key,
                    [FromQuery(Name = "q")] string? term,
                    [FromHeader(Name = "X-Region")] int region,
                    [FromHeader(Name = "X-Trace")] long? trace,
                    [FromServices] IClock clock) => new(term ?? "");
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
        var source = run.Source("Shop.ItemsApi.Endpoints.g.cs");
        Assert.Contains("RequestBinding.Route<global::System.Guid>(httpContext, \"id\", ref errors)", source, StringComparison.Ordinal);
        Assert.Contains("RequestBinding.Query<string>(httpContext, \"q\", ref errors, required: false)", source, StringComparison.Ordinal);
        Assert.Contains("RequestBinding.Header<int>(httpContext, \"X-Region\", ref errors, required: true)", source, StringComparison.Ordinal);
        Assert.Contains("RequestBinding.NullableHeader<long>(httpContext, \"X-Trace\", ref errors)", source, StringComparison.Ordinal);
        Assert.Contains("GetRequiredService<global::Shop.IClock>(httpContext.RequestServices)", source, StringComparison.Ordinal);
        Assert.Contains("RoleSets = [\"admin,auditor\"],", source, StringComparison.Ordinal);
        Assert.Contains("Policies = [\"Reader\"],", source, StringComparison.Ordinal);
    }

    /// <summary>Runs the generator over the shared models plus <paramref name="sources"/>, each placed in namespace <c>Shop</c>.</summary>
    private static GeneratorRun Run(params string[] sources) =>
        GeneratorHarness.Run([Models, .. sources.Select(source => "namespace Shop;\n\n" + source)]);

    /// <summary>Asserts the generator reported exactly one diagnostic, <paramref name="id"/>, on the user source text <paramref name="at"/>.</summary>
    private static Diagnostic AssertSingle(GeneratorRun run, string id, string at)
    {
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(at, run.TextAt(diagnostic));
        return diagnostic;
    }

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
}
