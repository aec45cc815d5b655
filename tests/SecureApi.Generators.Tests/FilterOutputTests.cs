namespace SecureApi.Generators.Tests;

/// <summary>
/// <c>[FilterOutput]</c>: an endpoint's response is written through the output firewall, a string member is read through
/// it in the JSON metadata, and the shapes the firewall cannot keep its promise on are refused at build time.
/// </summary>
public sealed class FilterOutputTests
{
    private const string Models = """
        namespace Shop;

        public sealed record Item([MaxLength(40)] string Name);
        """;

    [Fact]
    public void FilteredEndpointWritesThroughTheFirewall()
    {
        var run = Run("""
            [Endpoints("/items")]
            public sealed partial class ItemsApi
            {
                [Get(""), FilterOutput]
                public Item[] List() => [];

                [Get("/plain")]
                public Item[] Plain() => [];
            }
            """);

        Assert.Empty(run.Diagnostics);
        var handlers = run.Source("Shop.ItemsApi.Endpoints.g.cs");
        Assert.Contains("Responses.FilteredJsonAsync(httpContext, result", handlers, StringComparison.Ordinal);
        Assert.Contains("Responses.JsonAsync(httpContext, result", handlers, StringComparison.Ordinal);
    }

    [Fact]
    public void FilterOutputOnTheClassCoversEveryEndpoint()
    {
        var run = Run("""
            [Endpoints("/items"), FilterOutput]
            public sealed partial class ItemsApi
            {
                [Get("")]
                public Item[] List() => [];

                [Post("")]
                public Microsoft.AspNetCore.Http.HttpResults.Created<Item> Create(Item body) => TypedResults.Created("/items/1", body);
            }
            """);

        Assert.Empty(run.Diagnostics);
        var handlers = run.Source("Shop.ItemsApi.Endpoints.g.cs");
        Assert.Contains("Responses.FilteredJsonAsync(", handlers, StringComparison.Ordinal);
        Assert.Contains("Responses.FilteredCreatedAsync(", handlers, StringComparison.Ordinal);
        Assert.DoesNotContain("Responses.JsonAsync(", handlers, StringComparison.Ordinal);
    }

    /// <summary>A model's words are filtered by default whether the chat client is declared nullable or not.</summary>
    [Theory]
    [InlineData("Microsoft.Extensions.AI.IChatClient")]
    [InlineData("Microsoft.Extensions.AI.IChatClient?")]
    public void EndpointOfAClassTakingAChatClientWritesThroughTheFirewall(string chatClient)
    {
        var run = Run($$"""
            [Endpoints("/items")]
            public sealed partial class ItemsApi({{chatClient}} chat)
            {
                [Get("")]
                public Item[] List() => chat is null ? [] : [];
            }
            """);

        Assert.Empty(run.Diagnostics);
        var handlers = run.Source("Shop.ItemsApi.Endpoints.g.cs");
        Assert.Contains("Responses.FilteredJsonAsync(httpContext, result", handlers, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public sealed record Profile(string Name, [FilterOutput] string Bio);")]
    [InlineData("public sealed record Profile(string Name, [property: FilterOutput] string Bio);")]
    [InlineData("public sealed class Profile { public string Name { get; init; } = \"\"; [FilterOutput] public string Bio { get; init; } = \"\"; }")]
    public void FilteredMemberIsReadThroughTheFirewall(string profile)
    {
        var run = Run(profile, """
            [Endpoints("/profiles")]
            public sealed partial class ProfilesApi
            {
                [Get("")]
                public Profile[] List() => [];
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
        var json = run.Source("SecureApiJsonContext.g.cs");
        Assert.Contains("OutputFilterValues.Filter(((global::Shop.Profile)obj).Bio)", json, StringComparison.Ordinal);
        Assert.DoesNotContain("OutputFilterValues.Filter(((global::Shop.Profile)obj).Name)", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsFilterOutputOnAnEndpointReturningIResult()
    {
        var run = Run("""
            [Endpoints("/items")]
            public sealed partial class ItemsApi
            {
                [Get(""), FilterOutput]
                public IResult List() => TypedResults.Ok();
            }
            """);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SAPI061", diagnostic.Id);
        Assert.Contains("'List'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsFilterOutputOnAMemberThatIsNotAString()
    {
        var run = Run("public sealed record Score(string Name, [property: FilterOutput] int Points);", """
            [Endpoints("/scores")]
            public sealed partial class ScoresApi
            {
                [Get("")]
                public Score[] List() => [];
            }
            """);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SAPI062", diagnostic.Id);
        Assert.Contains("'Score.Points'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static GeneratorRun Run(params string[] sources) =>
        GeneratorHarness.Run([Models, .. sources.Select(source => "namespace Shop;\n\n" + source)]);
}
