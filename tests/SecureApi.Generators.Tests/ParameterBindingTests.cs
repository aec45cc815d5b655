namespace SecureApi.Generators.Tests;

/// <summary>How handler parameters bind: the caller, and route parameters matched to method parameters.</summary>
public sealed class ParameterBindingTests
{
    [Fact]
    public void BindsNullableCallerParameter()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop;

            [Endpoints("/me"), AllowAnonymous]
            public partial class MeApi
            {
                [Get("")]
                public string Me(Caller? caller) => caller?.Subject ?? "anonymous";
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Contains("global::SecureApi.Caller.Find(httpContext)", run.Source("Shop.MeApi.Endpoints.g.cs"), StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void MatchesRouteParameterNamesIgnoringCase()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop;

            [Endpoints("/items")]
            public partial class ItemsApi
            {
                [Get("/{Id}")]
                public int Get(int id) => id;
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
    }
}
