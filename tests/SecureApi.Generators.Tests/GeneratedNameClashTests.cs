namespace SecureApi.Generators.Tests;

/// <summary>User type and member names that coincide with names in the generated code still compile.</summary>
public sealed class GeneratedNameClashTests
{
    [Fact]
    public void ValidatorCompilesForMemberNamedItemBesideAnObjectCollection()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop;

            public sealed record Line([MaxLength(10)] string Sku);

            public sealed record NewOrder([MaxLength(10)] string Item, [MaxLength(5)] Line[] Lines);

            [Endpoints("/orders")]
            public partial class OrdersApi
            {
                [Post("")]
                public void Create(NewOrder body) { }
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    [Theory]
    [InlineData("Options")]
    [InlineData("Default")]
    public void JsonContextCompilesForTypeNamedLikeAContextMember(string typeName)
    {
        var run = GeneratorHarness.Run($$"""
            namespace Shop;

            public sealed record {{typeName}}([MaxLength(10)] string Name);

            [Endpoints("/settings")]
            public partial class SettingsApi
            {
                [Post("")]
                public void Save({{typeName}} body) { }
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    /// <summary>An ambiguous simple name is qualified with its namespace, so the two types do not clash (no SAPI009).</summary>
    [Fact]
    public void SameNamedTypesInTwoNamespacesShareTheJsonContext()
    {
        var run = GeneratorHarness.Run(
            "namespace Shop.Orders;\n\npublic sealed record Line([MaxLength(10)] string Sku);",
            """
            namespace Shop.Invoices;

            public sealed record Line(string Sku);

            [Endpoints("/invoices")]
            public partial class InvoicesApi
            {
                [Post("")]
                public Line Create(Shop.Orders.Line body) => new(body.Sku);
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
        var context = run.Source("SecureApiJsonContext.g.cs");
        Assert.Contains("Shop_Orders_Line", context, StringComparison.Ordinal);
        Assert.Contains("Shop_Invoices_Line", context, StringComparison.Ordinal);
    }
}
