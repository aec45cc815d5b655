using Microsoft.CodeAnalysis;

namespace SecureApi.Generators.Tests;

/// <summary>Generated CRUD operations: which partial-method shapes they accept, and what the accepted ones generate.</summary>
public sealed class CrudOperationTests
{
    /// <summary>An owned resource and a second one.</summary>
    private const string Notes = """
        using SecureApi.Data;

        namespace Shop;

        [Resource("notes")]
        public sealed record Note
        {
            [Key]
            public Guid Id { get; init; }

            [Owner]
            public string OwnerId { get; init; } = "";

            [MaxLength(200)]
            public string Title { get; init; } = "";

            [ConcurrencyCheck]
            public long Version { get; init; }
        }

        [Resource("docs")]
        public sealed record Doc
        {
            [Key]
            public Guid Id { get; init; }

            [Owner]
            public string OwnerId { get; init; } = "";
        }

        public sealed record NewNote([Required, MaxLength(200)] string Title);

        public sealed record NoteDraft([MaxLength(200)] string? Title);
        """;

    [Theory]
    [InlineData("[Delete(\"/{id}\")] public partial Task<Note?> Delete(Guid id);", "Delete")]
    [InlineData("[Post(\"\")] public partial Task<bool> Create(NewNote body);", "Create")]
    [InlineData("[Get(\"\")] public partial Task<List<Note>> List(PageRequest page);", "List")]
    [InlineData("[Get(\"/{id}\")] public partial Task<Note> Get(Guid id);", "Get")]
    [InlineData("[Get(\"/{id}\")] public partial Task<Doc?> Get(Guid id);", "Get")]
    public void ReturnTypeThatDoesNotFitTheOperationIsReported(string method, string name)
    {
        var run = GeneratorHarness.Run(Notes, $$"""
            using SecureApi.Data;

            namespace Shop;

            [Endpoints("/notes")]
            public partial class NotesApi(NoteStore notes)
            {
                {{method}}

                [Get("/{id}/title")]
                public async Task<string?> Title(Guid id, Caller caller) => (await notes.FindAsync(caller, id))?.Title;
            }
            """);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(("SAPI040", name), (diagnostic.Id, run.TextAt(diagnostic)));
        Assert.DoesNotContain(run.CompilationProblems, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void KeyIsTheRouteParameterNamedIdNotAnotherOfTheKeyType()
    {
        var run = GeneratorHarness.Run(Notes, """
            namespace Shop;

            [Endpoints("/folders/{folderId}/notes")]
            public partial class NotesApi
            {
                [Get("/{id}")]
                public partial Task<Note?> Get(Guid folderId, Guid id);
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
        Assert.Contains(".FindAsync(_endpointRequest.Caller, id, ", run.Source("Shop.NotesApi.Endpoints.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void EndpointThatAllowsAnonymousCallersIsReported()
    {
        var run = GeneratorHarness.Run(Notes, """
            namespace Shop;

            [Endpoints("/notes"), AllowAnonymous]
            public partial class NotesApi
            {
                [Get("/{id}")]
                public partial Task<Note?> Get(Guid id);
            }
            """);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Get", run.TextAt(diagnostic));
    }

    [Fact]
    public void CreatedLocationHasNoRouteTemplatePlaceholders()
    {
        var run = GeneratorHarness.Run(Notes, """
            namespace Shop;

            [Endpoints("/folders/{folder}/notes")]
            public partial class NotesApi
            {
                [Post("")]
                public partial Task<Note> Create(string folder, NewNote body);
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.DoesNotContain("\"/folders/{folder}/notes/\" + result.Id", run.Source("Shop.NotesApi.Endpoints.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateFromANullableRequestMemberIntoARequiredResourceMemberIsReported()
    {
        var run = GeneratorHarness.Run(Notes, """
            namespace Shop;

            [Endpoints("/notes")]
            public partial class NotesApi
            {
                [Post("")]
                public partial Task<Note> Create(NoteDraft body);
            }
            """);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(("SAPI041", "Create"), (diagnostic.Id, run.TextAt(diagnostic)));
    }

    [Fact]
    public void ReplaceFromANullableRequestMemberKeepsTheCurrentValue()
    {
        var run = GeneratorHarness.Run(Notes, """
            namespace Shop;

            [Endpoints("/notes")]
            public partial class NotesApi
            {
                [Put("/{id}")]
                public partial Task<Note?> Replace(Guid id, NoteDraft body);
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
        Assert.Contains("title: global::SecureApi.Data.Change.UnlessNull(body.Title)", run.Source("Shop.NotesApi.Endpoints.g.cs"), StringComparison.Ordinal);
    }
}
