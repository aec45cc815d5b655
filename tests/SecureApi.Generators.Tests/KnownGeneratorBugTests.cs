using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace SecureApi.Generators.Tests;

/// <summary>
/// Reproductions of generator bugs found while writing these tests, written as the behaviour that should hold.
/// Each is skipped until the generator is fixed: remove the Skip with the fix.
/// </summary>
public sealed class KnownGeneratorBugTests
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

    [Fact]
    public void ReportsDictionaryRequestMemberOnTheMember()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop;

            public sealed record NewThing([MaxLength(10)] string Name, Dictionary<string, string> Labels);

            [Endpoints("/things")]
            public partial class ThingsApi
            {
                [Post("")]
                public void Create(NewThing body) { }
            }
            """);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SAPI008", diagnostic.Id);
        Assert.Equal("Labels", run.TextAt(diagnostic));
    }

    /// <summary>Fixed by prevention: an ambiguous simple name is qualified with its namespace, so no clash (SAPI009) arises.</summary>
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
    }

    [Fact]
    public void InitOnlyMemberAbsentFromJsonKeepsItsInitializer()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop;

            public sealed record NewOrder([MaxLength(10)] string Customer)
            {
                public int Priority { get; init; } = 1;
            }

            [Endpoints("/orders")]
            public partial class OrdersApi
            {
                [Post("")]
                public void Create(NewOrder body) { }
            }

            public static class Probe
            {
                public static int Priority(string json) =>
                    System.Text.Json.JsonSerializer.Deserialize(json, SecureApi.Generated.SecureApiJsonContext.Default.NewOrder)!.Priority;
            }
            """);
        Assert.Empty(run.CompilationProblems);

        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext(nameof(InitOnlyMemberAbsentFromJsonKeepsItsInitializer), isCollectible: true);
        try
        {
            var priority = context.LoadFromStream(image).GetType("Shop.Probe")!.GetMethod("Priority")!;

            Assert.Equal(1, priority.Invoke(null, ["{\"customer\":\"ann\"}"]));
        }
        finally
        {
            context.Unload();
        }
    }

    // ---- Resources, stores and generated CRUD ----------------------------------------------------------------------

    /// <summary>An owned resource and a second one, for the CRUD reproductions below.</summary>
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
        """;

    [Fact]
    public void StoreCompilesWhenAnEncryptedMemberIsDeclaredBeforeKeyAndOwner()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop;

            [Resource("vault")]
            public sealed record Vault
            {
                [Encrypted]
                public string? Secret { get; init; }

                [Key]
                public Guid Id { get; init; }

                [Owner]
                public string OwnerId { get; init; } = "";
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    [Theory]
    [InlineData("[Delete(\"/{id}\")] public partial Task<Note?> Delete(Guid id);", "Delete")]
    [InlineData("[Post(\"\")] public partial Task<bool> Create(NewNote body);", "Create")]
    [InlineData("[Get(\"\")] public partial Task<List<Note>> List(PageRequest page);", "List")]
    [InlineData("[Get(\"/{id}\")] public partial Task<Note> Get(Guid id);", "Get")]
    [InlineData("[Get(\"/{id}\")] public partial Task<Doc?> Get(Guid id);", "Get")]
    public void CrudReturnTypeThatDoesNotFitTheOperationIsReported(string method, string name)
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

        // Either the generator refuses the shape, or what it generates is right: never broken generated code.
        Assert.DoesNotContain(run.CompilationProblems, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(("SAPI040", name), (diagnostic.Id, run.TextAt(diagnostic)));
    }

    [Fact]
    public void CrudKeyIsNotAnotherRouteParameterOfTheKeyType()
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

        if (run.Diagnostics.IsEmpty)
        {
            Assert.Contains("await store.FindAsync(caller, id, ", run.Source("Shop.NotesApi.Endpoints.g.cs"), StringComparison.Ordinal);
        }
        else
        {
            var diagnostic = Assert.Single(run.Diagnostics);
            Assert.Equal(("SAPI039", "Get"), (diagnostic.Id, run.TextAt(diagnostic)));
        }
    }

    [Fact]
    public void CrudEndpointThatAllowsAnonymousCallersIsReported()
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
    public void NullableRequestMemberIsNeverWrittenAsNullIntoARequiredResourceMember()
    {
        var run = GeneratorHarness.Run(Notes, """
            namespace Shop;

            public sealed record NoteDraft([MaxLength(200)] string? Title);

            [Endpoints("/notes")]
            public partial class NotesApi
            {
                [Post("")]
                public partial Task<Note> Create(NoteDraft body);

                [Put("/{id}")]
                public partial Task<Note?> Replace(Guid id, NoteDraft body);
            }
            """);

        // Either refused at compile time, or the generated code cannot store null (keeps the current value, or requires it).
        if (run.Diagnostics.IsEmpty)
        {
            Assert.DoesNotContain("Title = body.Title ?? default!", run.Source("Shop.NotesApi.Endpoints.g.cs"), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("order", "Name")]
    [InlineData("groups", "Group")]
    [InlineData("things", "Order")]
    public void ReservedWordAsTableOrColumnIsReportedOrStillWorks(string table, string member)
    {
        var run = GeneratorHarness.Run($$"""
            namespace Shop;

            [Resource("{{table}}", Shared = true)]
            public sealed record Thing
            {
                [Key]
                public Guid Id { get; init; }

                [MaxLength(20)]
                public string {{member}} { get; init; } = "";
            }
            """);

        if (run.Diagnostics.IsEmpty)
        {
            AssertSqliteAcceptsTheSchema(run, "Shop.ThingSql");
        }
        else
        {
            // Shared, so the reserved word is the only thing wrong with it: no other rule can make this pass.
            var diagnostic = Assert.Single(run.Diagnostics);
            Assert.Equal(("SAPI028", table == "order" ? "Thing" : member), (diagnostic.Id, run.TextAt(diagnostic)));
        }
    }

    [Fact]
    public void MembersThatMapToTheSameColumnAreReported()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop;

            [Resource("things")]
            public sealed record Thing
            {
                [Key]
                public Guid Id { get; init; }

                [Owner]
                public string OwnerId { get; init; } = "";

                public string? OwnerID { get; init; }
            }
            """);

        if (run.Diagnostics.IsEmpty)
        {
            AssertSqliteAcceptsTheSchema(run, "Shop.ThingSql");
        }
        else
        {
            Assert.Equal(("SAPI032", "OwnerID"), (Assert.Single(run.Diagnostics).Id, run.TextAt(run.Diagnostics[0])));
        }
    }

    [Fact]
    public void InvalidResourceMemberProducesNoStore()
    {
        var compilation = GeneratorHarness.Compile("""
            namespace Shop;

            [Resource("notes")]
            public sealed record Note
            {
                [Key]
                public Guid Id { get; init; }

                [Owner]
                public Guid OwnerId { get; init; }

                [MaxLength(200)]
                public string Title { get; init; } = "";
            }

            [Endpoints("/notes")]
            public partial class NotesApi
            {
                [Get("/{id}")]
                public partial Task<Note?> Get(Guid id);
            }
            """);
        var silenced = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            compilation.Options.SpecificDiagnosticOptions.SetItem("SAPI021", ReportDiagnostic.Suppress)));

        var run = GeneratorHarness.Run(silenced);

        Assert.DoesNotContain("Shop.Note.Store.g.cs", run.HintNames);
        Assert.Contains(run.CompilationProblems, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void ReportsInvalidResourceMemberOnTheMember()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop;

            [Resource("notes")]
            public sealed record Note
            {
                [Key]
                public Guid Id { get; init; }

                [Owner]
                public Guid OwnerId { get; init; }
            }
            """);

        var diagnostic = run.Diagnostics.First();
        Assert.Equal("SAPI021", diagnostic.Id);
        Assert.Equal("OwnerId", run.TextAt(diagnostic));
        Assert.DoesNotContain("Shop.Note.Store.g.cs", run.HintNames); // an invalid resource gets no store
    }

    [Fact]
    public void EncryptedMemberOfASequentialResourceIsRefused()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop;

            [Resource("pins")]
            public sealed record Pin
            {
                [Key, SequentialKey]
                public long Id { get; init; }

                [Owner]
                public string OwnerId { get; init; } = "";

                [Encrypted]
                public string? Code { get; init; }
            }
            """);
        // Fixed by refusing the shape: a sequential key exists only after the insert, too late to bind the ciphertext to its row.
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(("SAPI027", "Code"), (diagnostic.Id, run.TextAt(diagnostic)));
        Assert.DoesNotContain("Shop.Pin.Store.g.cs", run.HintNames);
    }

    /// <summary>Creates the resource's SQLite schema in memory, failing with SQLite's message if it is refused.</summary>
    private static void AssertSqliteAcceptsTheSchema(GeneratorRun run, string sqlClass)
    {
        var schema = run.Output.GetTypeByMetadataName(sqlClass)?.GetMembers("SqliteSchema").OfType<IFieldSymbol>().Single().ConstantValue as string;
        Assert.NotNull(schema);
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = schema;
        var exception = Record.Exception(() => command.ExecuteNonQuery());
        Assert.True(exception is null, $"SQLite refuses the schema: {exception?.Message}\n{schema}");
    }
}
