namespace SecureApi.Generators.Tests;

/// <summary>
/// The OpenAPI schemas the generator emits carry exactly the validation rules (lengths, range, pattern, counts, enum
/// names, required members), leave [Sensitive] members out of responses, and describe each operation's answers.
/// </summary>
public sealed class OpenApiSchemaTests
{
    private const string Schema = "new global::SecureApi.Infrastructure.SchemaDescription";

    private static readonly Lazy<GeneratorRun> s_run = new(() => GeneratorHarness.Run("""
        namespace Shop;

        public enum Color { Red, DarkBlue }

        /// <summary>A paint order.</summary>
        public sealed record NewPaint(
            [Required, MinLength(2), MaxLength(20)] string Name,
            [Range(1, 9)] int Count,
            [MaxLength(8), RegularExpression("^[a-z]+$")] string? Code,
            [MinLength(1), MaxLength(3)] string[]? Tags,
            Color Color);

        public sealed record Paint(string Name, Color Color)
        {
            [Sensitive]
            public string? Supplier { get; init; }
        }

        [Endpoints("/paints")]
        public partial class PaintsApi
        {
            /// <summary>Orders paint. The colour must be one the shop stocks.</summary>
            [Post("")]
            public Paint Order(NewPaint body) => new(body.Name, body.Color);

            [Get("/{id}")]
            public Paint? Find(Guid id, Color? color) => null;
        }
        """));

    private static string Schemas => s_run.Value.Source("SecureApiOpenApiSchemas.g.cs");

    private static string Endpoints => s_run.Value.Source("Shop.PaintsApi.Endpoints.g.cs");

    [Fact]
    public void TheGeneratedSourceCompiles()
    {
        Assert.Empty(s_run.Value.CompilationProblems);
    }

    [Fact]
    public void RequestMembersCarryTheirValidationRules()
    {
        Assert.Contains($$"""new("name", {{Schema}} { Type = "string", MinLength = 2, MaxLength = 20 }),""", Schemas, StringComparison.Ordinal);
        Assert.Contains($$"""new("count", {{Schema}} { Type = "integer", Format = "int32", Minimum = "1", Maximum = "9" }),""", Schemas, StringComparison.Ordinal);
        Assert.Contains($$"""new("code", {{Schema}} { Type = "string", Nullable = true, MaxLength = 8, Pattern = "^[a-z]+$" }),""", Schemas, StringComparison.Ordinal);
        Assert.Contains($$"""new("tags", {{Schema}} { Type = "array", Nullable = true, Items = {{Schema}} { Type = "string" }, MinItems = 1, MaxItems = 3 }),""", Schemas, StringComparison.Ordinal);
        Assert.Contains($$"""new("color", {{Schema}} { Reference = "Color" }),""", Schemas, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredIsWhatValidationRequires()
    {
        Assert.Contains("""Required = ["name"],""", Schemas, StringComparison.Ordinal);
    }

    [Fact]
    public void EnumsAreNamedAsJsonWritesThem()
    {
        Assert.Contains("""Enum = ["red", "darkBlue"],""", Schemas, StringComparison.Ordinal);
    }

    [Fact]
    public void SensitiveMembersAreAbsentFromResponses()
    {
        var paint = Schemas[Schemas.IndexOf("[\"Paint\"]", StringComparison.Ordinal)..];

        Assert.DoesNotContain("supplier", paint, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("""Required = ["name", "color"],""", paint, StringComparison.Ordinal);
    }

    [Fact]
    public void OperationsCarryTheirDocumentationParametersAndAnswers()
    {
        Assert.Contains("""Summary = "Orders paint.",""", Endpoints, StringComparison.Ordinal);
        Assert.Contains("""Description = "Orders paint. The colour must be one the shop stocks.",""", Endpoints, StringComparison.Ordinal);
        Assert.Contains("""RequestSchema = "NewPaint",""", Endpoints, StringComparison.Ordinal);
        Assert.Contains($$"""new("id", global::SecureApi.Infrastructure.ParameterPlace.Path, true, {{Schema}} { Type = "string", Format = "uuid", MaxLength = 36 }),""", Endpoints, StringComparison.Ordinal);
        Assert.Contains($$"""new("color", global::SecureApi.Infrastructure.ParameterPlace.Query, false, {{Schema}} { Type = "string", Enum = ["red", "darkBlue"] }),""", Endpoints, StringComparison.Ordinal);
        Assert.Contains("Answers = global::SecureApi.Infrastructure.OperationAnswers.NotFound,", Endpoints, StringComparison.Ordinal);
    }
}
