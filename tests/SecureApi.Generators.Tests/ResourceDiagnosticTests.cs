using Microsoft.CodeAnalysis;

namespace SecureApi.Generators.Tests;

/// <summary>SAPI011-SAPI014: each fires on the shape it describes, at the user's declaration, and stays silent on the good shape.</summary>
public sealed class ResourceDiagnosticTests
{
    /// <summary>One owned, tenant-scoped resource with every server-set role, its request type, and a plain object.</summary>
    private const string Models = """
        namespace Shop;

        [Resource("notes")]
        public sealed record Note
        {
            [Key]
            public Guid Id { get; init; }

            [Owner]
            public string OwnerId { get; init; } = "";

            [Tenant]
            public string TenantId { get; init; } = "";

            [MaxLength(200)]
            public string Title { get; init; } = "";

            [ServerSet]
            public DateTimeOffset CreatedAt { get; init; }

            [ServerSet(OnUpdate = true)]
            public DateTimeOffset UpdatedAt { get; init; }

            [ConcurrencyCheck]
            public long Version { get; init; }
        }

        public sealed record NewNote([Required, MaxLength(200)] string Title);

        public sealed record Item([MaxLength(40)] string Name);
        """;

    // ---- The good shapes -------------------------------------------------------------------------------------------

    [Fact]
    public void ReportsNothingForEveryCrudShapeAndAnAdminClassBehindARole()
    {
        var run = Run(
            """
            [Endpoints("/notes")]
            public partial class NotesApi(NoteStore notes)
            {
                [Get("/{id}")]
                public partial Task<Note?> Get(Guid id);

                [Get("")]
                public partial Task<Page<Note>> List(PageRequest page);

                [Post("")]
                public partial Task<Note> Create(NewNote body);

                [Put("/{id}")]
                public partial Task<Note?> Replace(Guid id, NewNote body);

                [Patch("/{id}")]
                public partial Task<Note?> Patch(Guid id, NewNote body);

                [Delete("/{id}")]
                public partial Task<bool> Delete(Guid id);

                [Get("/{id}/title")]
                public async Task<string?> Title(Guid id, Caller caller) => (await notes.FindAsync(caller, id))?.Title;
            }
            """,
            """
            [Endpoints("/admin/notes"), RequireRole("admin")]
            public partial class NotesAdminApi(NoteAdminStore notes)
            {
                [Get("")]
                public Task<Page<Note>> List(PageRequest page) => notes.ListAsync(page);

                [Delete("/{id}")]
                public Task<bool> Delete(Guid id) => notes.DeleteAsync(id);
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void FindsTheResourceFromTheReturnTypeWhenTheClassTakesNoStore()
    {
        var run = Run("""
            [Endpoints("/notes")]
            public partial class NotesApi
            {
                [Get("/{id}")]
                public partial Task<Note?> Get(Guid id);
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void FindsTheStoresOfAResourceDeclaredInAnotherNamespace()
    {
        var run = GeneratorHarness.Run(
            """
            namespace Shop.Data;

            [Resource("labels")]
            public sealed record Label
            {
                [Key]
                public Guid Id { get; init; }

                [Owner]
                public string OwnerId { get; init; } = "";

                [MaxLength(20)]
                public string Text { get; init; } = "";
            }

            public sealed record NewLabel([Required, MaxLength(20)] string Text);
            """,
            """
            using Shop.Data;

            namespace Shop.Api;

            [Endpoints("/labels")]
            public partial class LabelsApi(LabelStore labels)
            {
                [Post("")]
                public partial Task<Label> Create(NewLabel body);

                [Get("/{id}/text")]
                public async Task<string?> Text(Guid id, Caller caller) => (await labels.FindAsync(caller, id))?.Text;
            }

            [Endpoints("/admin/labels"), RequireRole("admin")]
            public partial class LabelsAdminApi(LabelAdminStore labels)
            {
                [Delete("/{id}")]
                public Task<bool> Delete(Guid id) => labels.DeleteAsync(id);
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Contains("Shop.Data.Label.Store.g.cs", run.HintNames);
        Assert.Contains("GetRequiredService<global::Shop.Data.LabelStore>", run.Source("Shop.Api.LabelsApi.Endpoints.g.cs"), StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems);
    }

    // ---- SAPI011: admin store without a role -----------------------------------------------------------------------

    [Fact]
    public void ReportsAdminStoreInAClassWithoutARole()
    {
        var run = Run("""
            [Endpoints("/admin/notes")]
            public partial class NotesAdminApi(NoteAdminStore notes)
            {
                [Get("")]
                public Task<Page<Note>> List(PageRequest page) => notes.ListAsync(page);
            }
            """);

        var diagnostic = AssertSingle(run, "SAPI011", at: "List");
        Assert.Contains("'NotesAdminApi' uses 'NoteAdminStore', which reads every owner's rows, but endpoint 'List' does not require a role", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsEveryEndpointOfAClassWithoutARoleThatTakesTheAdminStore()
    {
        var run = Run("""
            [Endpoints("/admin/notes")]
            public partial class NotesAdminApi(NoteAdminStore notes)
            {
                [Get("")]
                public Task<Page<Note>> List(PageRequest page) => notes.ListAsync(page);

                [Get("/count")]
                public int Count() => 0;

                [Delete("/{id}"), RequireRole("admin")]
                public Task<bool> Delete(Guid id) => notes.DeleteAsync(id);
            }
            """);

        // An endpoint that does not touch the store can still reach it through the constructor: it is reported too.
        Assert.All(run.Diagnostics, d => Assert.Equal("SAPI011", d.Id));
        Assert.Equal(["Count", "List"], run.Diagnostics.Select(run.TextAt).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReportsAnonymousEndpointInARoleGatedClassThatTakesTheAdminStore()
    {
        var run = Run("""
            [Endpoints("/admin/notes"), RequireRole("admin")]
            public partial class NotesAdminApi(NoteAdminStore notes)
            {
                [Get("")]
                public Task<Page<Note>> List(PageRequest page) => notes.ListAsync(page);

                [Get("/public"), AllowAnonymous]
                public Task<Page<Note>> Everyone(PageRequest page) => notes.ListAsync(page);
            }
            """);

        AssertSingle(run, "SAPI011", at: "Everyone");
    }

    [Fact]
    public void ReportsAnonymousRoleGatedClassThatTakesTheAdminStore()
    {
        var run = Run("""
            [Endpoints("/admin/notes"), RequireRole("admin"), AllowAnonymous]
            public partial class NotesAdminApi(NoteAdminStore notes)
            {
                [Get("")]
                public Task<Page<Note>> List(PageRequest page) => notes.ListAsync(page);
            }
            """);

        AssertSingle(run, "SAPI011", at: "List");
    }

    [Fact]
    public void ReportsAdminStoreServiceParameterOnAnEndpointWithoutARole()
    {
        var run = Run("""
            [Endpoints("/notes")]
            public partial class NotesApi
            {
                [Get("/all")]
                public Task<Page<Note>> All(PageRequest page, [Service] NoteAdminStore notes) => notes.ListAsync(page);

                [Get("/count")]
                public int Count() => 0;
            }
            """);

        AssertSingle(run, "SAPI011", at: "All");
    }

    [Fact]
    public void ReportsNothingWhenEveryEndpointThatCanReachTheAdminStoreRequiresARole()
    {
        var run = Run(
            """
            [Endpoints("/admin/notes")]
            public partial class NotesAdminApi(NoteAdminStore notes)
            {
                [Get(""), RequireRole("admin")]
                public Task<Page<Note>> List(PageRequest page) => notes.ListAsync(page);
            }
            """,
            """
            [Endpoints("/notes")]
            public partial class NotesApi
            {
                [Get("/all"), RequireRole("support")]
                public Task<Page<Note>> All(PageRequest page, [Service] NoteAdminStore notes) => notes.ListAsync(page);

                [Get("/count"), AllowAnonymous]
                public int Count() => 0;
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    // ---- SAPI012: request types that could set what the server sets ------------------------------------------------

    [Theory]
    [InlineData("Id", "key")]
    [InlineData("ownerId", "owner")]
    [InlineData("TENANTID", "tenant")]
    [InlineData("Version", "concurrency version")]
    [InlineData("createdAt", "server-set timestamp")]
    [InlineData("UpdatedAt", "server-set timestamp")]
    public void ReportsRequestMemberNamedLikeAProtectedResourceMember(string member, string role)
    {
        var run = Run($$"""
            public sealed record NoteDraft([Required, MaxLength(200)] string Title, [MaxLength(50)] string? {{member}});

            [Endpoints("/notes")]
            public partial class NotesApi(NoteStore notes)
            {
                [Post("")]
                public partial Task<Note> Create(NoteDraft body);
            }
            """);

        var diagnostic = AssertSingle(run, "SAPI012", at: member);
        Assert.Contains($"Request type 'NoteDraft' has member '{member}', which is the {role} of resource 'Note'", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsProtectedMemberDeclaredAsAPropertyOfARequestForAHandWrittenEndpoint()
    {
        var run = Run("""
            public sealed class RenameNote
            {
                [Required, MaxLength(200)]
                public string Title { get; set; } = "";

                [MaxLength(50)]
                public string? OwnerId { get; set; }
            }

            [Endpoints("/notes")]
            public partial class NotesApi(NoteStore notes)
            {
                [Post("/{id}/rename")]
                public async Task<bool> Rename(Guid id, RenameNote body, Caller caller) => await notes.FindAsync(caller, id) is not null;
            }
            """);

        AssertSingle(run, "SAPI012", at: "OwnerId");
    }

    [Fact]
    public void ReportsResourceUsedDirectlyAsABody()
    {
        var run = Run("""
            [Endpoints("/notes")]
            public partial class NotesApi(NoteStore notes)
            {
                [Post("")]
                public Task<Note> Create(Note body, Caller caller) => notes.CreateAsync(caller, body.Title);
            }
            """);

        // The resource's unbounded strings are reported as request members too (SAPI004): only SAPI012 is checked here.
        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "SAPI012");
        Assert.Equal("body", run.TextAt(diagnostic));
        Assert.Contains("Request type 'Note' has member '(every member)', which is the resource itself of resource 'Note'", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsResourceUsedAsABodyInAClassWithoutItsStore()
    {
        var run = Run("""
            [Endpoints("/notes")]
            public partial class NotesApi
            {
                [Put("/echo")]
                public Note Echo(Note body) => body;
            }
            """);

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "SAPI012");
        Assert.Equal("body", run.TextAt(diagnostic));
    }

    [Fact]
    public void ReportsNothingForRequestMembersThatAreClientData()
    {
        var run = Run("""
            public sealed record NoteDraft([Required, MaxLength(200)] string Title, [MaxLength(50)] string? Identifier, [MaxLength(50)] string? Owner);

            [Endpoints("/notes")]
            public partial class NotesApi(NoteStore notes)
            {
                [Post("")]
                public partial Task<Note> Create(NoteDraft body);
            }
            """);

        Assert.Empty(run.Diagnostics);
    }

    // ---- SAPI013: resource declarations that would weaken the store ------------------------------------------------

    [Theory]
    [InlineData("class", "[Key] public Guid Id { get; init; }", "declare it as a record")]
    [InlineData("record", "[MaxLength(10)] public string Name { get; init; } = \"\";", "it needs exactly one [Key] member")]
    [InlineData("record", "[Key] public Guid Id { get; init; } [Key] public Guid Other { get; init; }", "it needs exactly one [Key] member")]
    [InlineData("record", "[Key] public long Id { get; init; }", "a long [Key] is sequential and guessable: opt in with [SequentialKey], or use a Guid")]
    [InlineData("record", "[Key, SequentialKey] public Guid Id { get; init; }", "[SequentialKey] needs a long key")]
    [InlineData("record", "[Key] public int Id { get; init; }", "the [Key] must be a Guid (default) or a long with [SequentialKey]")]
    [InlineData("record", "[Key] public string Id { get; init; } = \"\";", "the [Key] must be a Guid (default) or a long with [SequentialKey]")]
    [InlineData("record", "[Key] public Guid Id { get; init; } [Owner] public Guid OwnerId { get; init; }", "the owner member 'OwnerId' must be a string (the caller's claim)")]
    [InlineData("record", "[Key] public Guid Id { get; init; } [Tenant] public int TenantId { get; init; }", "the tenant member 'TenantId' must be a string (the caller's claim)")]
    [InlineData("record", "[Key] public Guid Id { get; init; } [Owner] public string A { get; init; } = \"\"; [Owner] public string B { get; init; } = \"\";", "it has more than one Owner member")]
    [InlineData("record", "[Key] public Guid Id { get; init; } [ConcurrencyCheck] public int Version { get; init; }", "the [ConcurrencyCheck] member 'Version' must be a long")]
    [InlineData("record", "[Key] public Guid Id { get; init; } [ServerSet] public long CreatedAt { get; init; }", "the [ServerSet] member 'CreatedAt' must be a DateTimeOffset")]
    [InlineData("record", "[Key] public Guid Id { get; init; } [ServerSet(OnUpdate = true)] public DateTimeOffset? UpdatedAt { get; init; }", null)]
    [InlineData("record", "[Key] public Guid Id { get; init; } [Encrypted] public int? Pin { get; init; }", "[Encrypted] member 'Pin' must be a string")]
    [InlineData("record", "[Key] public Guid Id { get; init; } [Encrypted] public string Secret { get; init; } = \"\";", "[Encrypted] member 'Secret' must be a nullable string (it is null for callers who are not its owner)")]
    [InlineData("record", "[Key] public Guid Id { get; init; } [Encrypted, Sortable] public string? Secret { get; init; }", "[Encrypted] member 'Secret' cannot be sortable or filterable")]
    [InlineData("record", "[Key] public Guid Id { get; init; } [Encrypted, Filterable] public string? Secret { get; init; }", "[Encrypted] member 'Secret' cannot be sortable or filterable")]
    [InlineData("record", "[Key] public Guid Id { get; init; } [Sortable, MaxLength(10)] public string? Name { get; init; }", "sortable member 'Name' must not be nullable (keyset paging needs a total order)")]
    [InlineData("record", "[Key] public Guid Id { get; init; } [Sortable] public int? Rank { get; init; }", "sortable member 'Rank' must not be nullable (keyset paging needs a total order)")]
    [InlineData("record", "[Key] public Guid Id { get; init; } [Sortable] public decimal Price { get; init; }", "decimal member 'Price' cannot be sortable or filterable (SQLite stores decimals as text)")]
    [InlineData("record", "[Key] public Guid Id { get; init; } public DateTime At { get; init; }", "member 'At' has type 'System.DateTime', which cannot be stored")]
    [InlineData("record", "[Key] public Guid Id { get; init; } public List<string> Tags { get; init; } = [];", "member 'Tags' has type 'System.Collections.Generic.List<string>', which cannot be stored")]
    [InlineData("record", "[Key] public Guid Id { get; init; } public byte[]? Photo { get; init; }", "member 'Photo' has type 'byte[]?', which cannot be stored")]
    [InlineData("record", "[Key] public Guid Id { get; init; } public Item? Item { get; init; }", "member 'Item' has type 'Shop.Item?', which cannot be stored")]
    [InlineData("record", "[Key] public Guid Id { get; init; } public string Computed => \"x\";", "member 'Computed' has no init or set accessor, so rows cannot be read back into it")]
    public void ReportsInvalidResourceDeclaration(string kind, string members, string? reason)
    {
        var run = Run($$"""
            [Resource("things", Shared = true)]
            public sealed {{kind}} Thing
            {
                {{members}}
            }
            """);

        if (reason is null)
        {
            // A nullable stamp is allowed: the store always sets it.
            Assert.Empty(run.Diagnostics);
            return;
        }

        // A member's problem points at the member; the resource-wide ones that may follow (an invalid key is also a missing
        // key; these test resources have no owner) point at the resource.
        Assert.All(run.Diagnostics, d => Assert.Equal(("SAPI013", DiagnosticSeverity.Error), (d.Id, d.Severity)));
        Assert.Equal($"Resource 'Thing' is not valid: {reason}", Message(run.Diagnostics[0])[..$"Resource 'Thing' is not valid: {reason}".Length]);
        Assert.Contains(run.TextAt(run.Diagnostics[0]), new[] { "Thing", members.Split(' ').SkipWhile(w => w is not ("{")).Reverse().Skip(1).FirstOrDefault() ?? "Thing" }.Concat(members.Split(' ', '(', ')', ';')));
        Assert.All(run.Diagnostics.Skip(1), d =>
        {
            Assert.Equal("Thing", run.TextAt(d));
            Assert.True(
                Message(d) is "Resource 'Thing' is not valid: it needs exactly one [Key] member" ||
                Message(d).StartsWith("Resource 'Thing' is not valid: it has neither [Owner] nor [Tenant]", StringComparison.Ordinal),
                Message(d));
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("1notes")]
    [InlineData("_notes")]
    [InlineData("notes table")]
    [InlineData("notes;drop table users")]
    [InlineData("notes--")]
    [InlineData("\\\"notes\\\"")]
    [InlineData("notes'")]
    [InlineData("public.notes")]
    [InlineData("nötes")]
    [InlineData("n012345678901234567890123456789012345678901234567890123456789012")]
    public void ReportsTableNameThatIsNotAPlainIdentifier(string table)
    {
        var run = Run($$"""
            [Resource("{{table}}")]
            public sealed record Thing
            {
                [Key]
                public Guid Id { get; init; }
            }
            """);

        var diagnostic = AssertSingle(run, "SAPI013", at: "Thing");
        Assert.Contains("must be letters, digits and underscores, starting with a letter", Message(diagnostic), StringComparison.Ordinal);
        Assert.DoesNotContain("Shop.Thing.Store.g.cs", run.HintNames);
    }

    [Theory]
    [InlineData("notes")]
    [InlineData("Notes_2024")]
    [InlineData("n01234567890123456789012345678901234567890123456789012345678901")]
    public void AcceptsPlainTableNames(string table)
    {
        var run = Run($$"""
            [Resource("{{table}}", Shared = true)]
            public sealed record Thing
            {
                [Key]
                public Guid Id { get; init; }
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Contains("Shop.Thing.Store.g.cs", run.HintNames);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void ReportsEveryInvalidMemberOfOneResource()
    {
        var run = Run("""
            [Resource("things")]
            public sealed record Thing
            {
                [Key]
                public Guid Id { get; init; }

                [Owner]
                public int OwnerId { get; init; }

                [Encrypted]
                public string Secret { get; init; } = "";
            }
            """);

        // Each member at fault is reported on the member (and, the owner being invalid, the missing owner on the resource).
        Assert.All(run.Diagnostics, d => Assert.Equal("SAPI013", d.Id));
        Assert.Equal(["OwnerId", "Secret", "Thing"], run.Diagnostics.Select(run.TextAt).Order());
    }

    // ---- SAPI014: partial endpoints without a generated operation ---------------------------------------------------

    [Theory]
    [InlineData("[Get(\"\")] public partial Task<Note?> Get();", "Get")]
    [InlineData("[Get(\"/{id}\")] public partial Task<Page<Note>> List(Guid id, PageRequest page);", "List")]
    [InlineData("[Post(\"/{id}\")] public partial Task<Note> Create(Guid id);", "Create")]
    [InlineData("[Post(\"/{id}\")] public partial Task<Note> Create(Guid id, NewNote body);", "Create")]
    [InlineData("[Put(\"/{id}\")] public partial Task<Note?> Replace(Guid id);", "Replace")]
    [InlineData("[Patch(\"\")] public partial Task<Note?> Patch(NewNote body);", "Patch")]
    [InlineData("[Delete(\"\")] public partial Task<bool> Delete();", "Delete")]
    [InlineData("[Delete(\"/{id}\")] public partial Task<bool> Delete(Guid id, NewNote body);", "Delete")]
    public void ReportsPartialEndpointWithNoCrudShape(string method, string name)
    {
        var run = Run($$"""
            [Endpoints("/notes")]
            public partial class NotesApi(NoteStore notes)
            {
                {{method}}

                [Get("/{id}/title")]
                public async Task<string?> Title(Guid id, Caller caller) => (await notes.FindAsync(caller, id))?.Title;
            }
            """);

        var diagnostic = AssertSingle(run, "SAPI014", at: name);
        Assert.Contains($"Partial method '{name}' has no body and does not match a generated operation: GET with the key → Task<T?>", Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public partial ValueTask<Note?> Get(Guid id);")]
    [InlineData("public partial Note? Get(Guid id);")]
    public void ReportsPartialEndpointThatDoesNotReturnATask(string method)
    {
        var run = Run($$"""
            [Endpoints("/notes")]
            public partial class NotesApi(NoteStore notes)
            {
                [Get("/{id}")]
                {{method}}

                [Get("/{id}/title")]
                public async Task<string?> Title(Guid id, Caller caller) => (await notes.FindAsync(caller, id))?.Title;
            }
            """);

        var diagnostic = AssertSingle(run, "SAPI014", at: "Get");
        Assert.Contains("generated operations return Task<...>", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsPartialCrudEndpointInAClassWithoutAResource()
    {
        var run = Run("""
            [Endpoints("/items")]
            public partial class ItemsApi
            {
                [Get("/{id}")]
                public partial Task<Item?> Get(Guid id);
            }
            """);

        var diagnostic = AssertSingle(run, "SAPI014", at: "Get");
        Assert.Contains("the class has no resource: take the resource's store ({T}Store) in the constructor, or return the resource type", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void DoesNotTreatAPartialMethodWithABodyAsACrudEndpoint()
    {
        var run = Run("""
            [Endpoints("/items")]
            public partial class ItemsApi
            {
                [Get("/{id}")]
                public partial Task<Item?> Get(Guid id);
            }

            public partial class ItemsApi
            {
                public partial Task<Item?> Get(Guid id) => Task.FromResult<Item?>(new Item(id.ToString()));
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    /// <summary>Runs the generator over the shared models plus <paramref name="sources"/>, each placed in namespace <c>Shop</c>.</summary>
    private static GeneratorRun Run(params string[] sources) =>
        GeneratorHarness.Run([Models, .. sources.Select(source => "using SecureApi.Data;\n\nnamespace Shop;\n\n" + source)]);

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
