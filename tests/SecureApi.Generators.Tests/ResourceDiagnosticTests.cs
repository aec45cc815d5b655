using Microsoft.CodeAnalysis;

namespace SecureApi.Generators.Tests;

/// <summary>SAPI011, SAPI012, SAPI015-SAPI041 and SAPI043: each fires on the shape it describes, at the user's declaration, and stays silent on the good shape.</summary>
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
        Assert.Equal(["Count", "List"], run.Diagnostics.Select(run.TextAt).Order(StringComparer.Ordinal));
        Assert.All(run.Diagnostics, d => Assert.Equal("SAPI011", d.Id));
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

    // ---- SAPI015-SAPI035: resource declarations that would weaken the store (one rule, one id) ----------------------

    [Theory]
    [InlineData("SAPI016", "class", "[Key] public Guid Id { get; init; } ", "record", "[Key] public Guid Id { get; init; } ", "Thing")]
    [InlineData("SAPI017", "record", "[Key] public Guid Id { get; init; } public DateTime At { get; init; }", "record", "[Key] public Guid Id { get; init; } public DateTimeOffset At { get; init; }", "At")]
    [InlineData("SAPI017", "record", "[Key] public Guid Id { get; init; } public List<string> Tags { get; init; } = [];", "record", "[Key] public Guid Id { get; init; } [MaxLength(100)] public string Tags { get; init; } = \"\";", "Tags")]
    [InlineData("SAPI017", "record", "[Key] public Guid Id { get; init; } public byte[]? Photo { get; init; }", "record", "[Key] public Guid Id { get; init; } public string? Photo { get; init; }", "Photo")]
    [InlineData("SAPI017", "record", "[Key] public Guid Id { get; init; } public Item? Item { get; init; }", "record", "[Key] public Guid Id { get; init; } public Guid? ItemId { get; init; }", "Item")]
    [InlineData("SAPI018", "record", "[Key] public int Id { get; init; }", "record", "[Key] public Guid Id { get; init; }", "Id")]
    [InlineData("SAPI018", "record", "[Key] public string Id { get; init; } = \"\";", "record", "[Key] public Guid Id { get; init; }", "Id")]
    [InlineData("SAPI019", "record", "[Key] public long Id { get; init; }", "record", "[Key, SequentialKey] public long Id { get; init; }", "Id")]
    [InlineData("SAPI020", "record", "[Key, SequentialKey] public Guid Id { get; init; }", "record", "[Key] public Guid Id { get; init; }", "Id")]
    [InlineData("SAPI021", "record", "[Key] public Guid Id { get; init; } [Owner] public Guid OwnerId { get; init; }", "record", "[Key] public Guid Id { get; init; } [Owner] public string OwnerId { get; init; } = \"\";", "OwnerId")]
    [InlineData("SAPI021", "record", "[Key] public Guid Id { get; init; } [Tenant] public int TenantId { get; init; }", "record", "[Key] public Guid Id { get; init; } [Tenant] public string TenantId { get; init; } = \"\";", "TenantId")]
    [InlineData("SAPI022", "record", "[Key] public Guid Id { get; init; } [ConcurrencyCheck] public int Version { get; init; }", "record", "[Key] public Guid Id { get; init; } [ConcurrencyCheck] public long Version { get; init; }", "Version")]
    [InlineData("SAPI023", "record", "[Key] public Guid Id { get; init; } [ServerSet] public long CreatedAt { get; init; }", "record", "[Key] public Guid Id { get; init; } [ServerSet] public DateTimeOffset CreatedAt { get; init; }", "CreatedAt")]
    [InlineData("SAPI024", "record", "[Key] public Guid Id { get; init; } [Encrypted] public int? Pin { get; init; }", "record", "[Key] public Guid Id { get; init; } [Encrypted] public string? Pin { get; init; }", "Pin")]
    [InlineData("SAPI025", "record", "[Key] public Guid Id { get; init; } [Encrypted] public string Secret { get; init; } = \"\";", "record", "[Key] public Guid Id { get; init; } [Encrypted] public string? Secret { get; init; }", "Secret")]
    [InlineData("SAPI026", "record", "[Key] public Guid Id { get; init; } [Sortable] public decimal Price { get; init; }", "record", "[Key] public Guid Id { get; init; } public decimal Price { get; init; }", "Price")]
    [InlineData("SAPI027", "record", "[Key, SequentialKey] public long Id { get; init; } [Encrypted] public string? Code { get; init; }", "record", "[Key] public Guid Id { get; init; } [Encrypted] public string? Code { get; init; }", "Code")]
    [InlineData("SAPI028", "record", "[Key] public Guid Id { get; init; } [MaxLength(20)] public string Order { get; init; } = \"\";", "record", "[Key] public Guid Id { get; init; } [MaxLength(20)] public string Position { get; init; } = \"\";", "Order")]
    [InlineData("SAPI029", "record", "[Key] public Guid Id { get; init; } public string Computed => \"x\";", "record", "[Key] public Guid Id { get; init; } public string Computed { get; init; } = \"x\";", "Computed")]
    [InlineData("SAPI030", "record", "[Key] public Guid Id { get; init; } [Encrypted, Sortable] public string? Secret { get; init; }", "record", "[Key] public Guid Id { get; init; } [Encrypted] public string? Secret { get; init; }", "Secret")]
    [InlineData("SAPI030", "record", "[Key] public Guid Id { get; init; } [Encrypted, Filterable] public string? Secret { get; init; }", "record", "[Key] public Guid Id { get; init; } [Encrypted] public string? Secret { get; init; }", "Secret")]
    [InlineData("SAPI031", "record", "[Key] public Guid Id { get; init; } [Sortable] public int? Rank { get; init; }", "record", "[Key] public Guid Id { get; init; } [Sortable] public int Rank { get; init; }", "Rank")]
    [InlineData("SAPI032", "record", "[Key] public Guid Id { get; init; } public string? OwnerId { get; init; } public string? OwnerID { get; init; }", "record", "[Key] public Guid Id { get; init; } public string? OwnerId { get; init; } public string? OtherOwnerId { get; init; }", "OwnerID")]
    [InlineData("SAPI033", "record", "[MaxLength(10)] public string Name { get; init; } = \"\";", "record", "[Key] public Guid Id { get; init; }", "Thing")]
    [InlineData("SAPI033", "record", "[Key] public Guid Id { get; init; } [Key] public Guid Other { get; init; }", "record", "[Key] public Guid Id { get; init; } public Guid Other { get; init; }", "Thing")]
    [InlineData("SAPI034", "record", "[Key] public Guid Id { get; init; } [ConcurrencyCheck] public long A { get; init; } [ConcurrencyCheck] public long B { get; init; }", "record", "[Key] public Guid Id { get; init; } [ConcurrencyCheck] public long A { get; init; }", "Thing")]
    [InlineData("SAPI060", "record", "[Key] public Guid Id { get; init; } [UntrustedText] public int Score { get; init; }", "record", "[Key] public Guid Id { get; init; } [UntrustedText, MaxLength(100)] public string Comment { get; init; } = \"\";", "Score")]
    [InlineData("SAPI070", "record", "[Key] public Guid Id { get; init; } [System.ComponentModel.DefaultValue(\"x\")] public int Rank { get; init; }", "record", "[Key] public Guid Id { get; init; } [System.ComponentModel.DefaultValue(3)] public int Rank { get; init; }", "Rank")]
    [InlineData("SAPI070", "record", "[Key] public Guid Id { get; init; } [Encrypted, System.ComponentModel.DefaultValue(\"x\")] public string? Pin { get; init; }", "record", "[Key] public Guid Id { get; init; } [Encrypted] public string? Pin { get; init; }", "Pin")]
    [InlineData("SAPI071", "record", "[Key] public Guid Id { get; init; } [RenamedFrom(\"Heading\"), MaxLength(10)] public string Title { get; init; } = \"\";", "record", "[Key] public Guid Id { get; init; } [RenamedFrom(\"heading\"), MaxLength(10)] public string Title { get; init; } = \"\";", "Title")]
    [InlineData("SAPI071", "record", "[Key] public Guid Id { get; init; } [RenamedFrom(\"title\"), MaxLength(10)] public string Title { get; init; } = \"\";", "record", "[Key] public Guid Id { get; init; } [MaxLength(10)] public string Title { get; init; } = \"\";", "Title")]
    [InlineData("SAPI072", "record", "[Key] public Guid Id { get; init; } [ConcurrencyCheck, Retired] public long Version { get; init; }", "record", "[Key] public Guid Id { get; init; } [Retired] public string? Old { get; init; }", "Version")]
    public void ReportsEachResourceRuleWithItsOwnIdAndNothingOnTheFixedShape(string id, string badKind, string bad, string fixedKind, string @fixed, string at)
    {
        static string Resource(string kind, string members) => $$"""
            [Resource("things", Shared = true)]
            public sealed {{kind}} Thing
            {
                {{members}}
            }
            """;

        var run = Run(Resource(badKind, bad));
        var diagnostic = AssertSingle(run, id, at);
        Assert.DoesNotContain("Shop.Thing.Store.g.cs", run.HintNames); // an invalid resource gets no store
        Assert.StartsWith("https://github.com/secureapi/secureapi/blob/main/README.md#diagnostics-" + id.ToLowerInvariant(), diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);

        var fixedRun = Run(Resource(fixedKind, @fixed));
        Assert.Empty(fixedRun.Diagnostics);
        Assert.Contains("Shop.Thing.Store.g.cs", fixedRun.HintNames);
    }

    [Fact]
    public void ReportsResourceWithoutOwnerOrTenantUnlessShared()
    {
        var run = Run("""
            [Resource("things")]
            public sealed record Thing
            {
                [Key]
                public Guid Id { get; init; }
            }
            """);

        var diagnostic = AssertSingle(run, "SAPI035", at: "Thing");
        Assert.Contains("[Resource(\"things\", Shared = true)]", Message(diagnostic), StringComparison.Ordinal);
        Assert.Empty(Run("""
            [Resource("things")]
            public sealed record Thing
            {
                [Key]
                public Guid Id { get; init; }

                [Owner]
                public string OwnerId { get; init; } = "";
            }
            """).Diagnostics);
    }

    [Fact]
    public void ReportsReservedWordAsTableName()
    {
        var run = Run("""
            [Resource("order", Shared = true)]
            public sealed record Thing
            {
                [Key]
                public Guid Id { get; init; }
            }
            """);

        var diagnostic = AssertSingle(run, "SAPI028", at: "Thing");
        Assert.Contains("SQL reserved word 'order' as a table name", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsANullableServerSetStamp()
    {
        // A nullable stamp is allowed: the store always sets it.
        Assert.Empty(Run("""
            [Resource("things", Shared = true)]
            public sealed record Thing
            {
                [Key] public Guid Id { get; init; }
                [ServerSet(OnUpdate = true)] public DateTimeOffset? UpdatedAt { get; init; }
            }
            """).Diagnostics);
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
            [Resource("{{table}}", Shared = true)]
            public sealed record Thing
            {
                [Key]
                public Guid Id { get; init; }
            }
            """);

        AssertSingle(run, "SAPI015", at: "Thing");
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

        // Each member at fault is reported on the member, under its own rule; the owner of the wrong type is not also reported missing.
        Assert.Equal([("SAPI021", "OwnerId"), ("SAPI025", "Secret")], run.Diagnostics.Select(d => (d.Id, run.TextAt(d))).Order());
    }

    // ---- SAPI036-SAPI041: partial endpoints without a generated operation (one rule, one id) ------------------------

    [Theory]
    [InlineData("SAPI037", "[Get(\"/{id}\"), AllowAnonymous] public partial Task<Note?> Get(Guid id);", "[Get(\"/{id}\")] public partial Task<Note?> Get(Guid id);", "Get")]
    [InlineData("SAPI040", "[Get(\"/{id}\")] public partial Task<Note> Get(Guid id);", "[Get(\"/{id}\")] public partial Task<Note?> Get(Guid id);", "Get")]
    [InlineData("SAPI040", "[Delete(\"/{id}\")] public partial Task<Note?> Delete(Guid id);", "[Delete(\"/{id}\")] public partial Task<bool> Delete(Guid id);", "Delete")]
    [InlineData("SAPI041", "[Post(\"\")] public partial Task<Note> Create(Draft body);", "[Post(\"\")] public partial Task<Note> Create(NewNote body);", "Create")]
    [InlineData("SAPI043", "[Post(\"\")] public partial Task<Note> Create(Untitled body);", "[Post(\"\")] public partial Task<Note> Create(NewNote body);", "Create")]
    [InlineData("SAPI039", "[Post(\"/{id}\")] public partial Task<Note> Create(Guid id, NewNote body);", "[Post(\"\")] public partial Task<Note> Create(NewNote body);", "Create")]
    [InlineData("SAPI038", "[Get(\"/{id}\")] public partial ValueTask<Note?> Get(Guid id);", "[Get(\"/{id}\")] public partial Task<Note?> Get(Guid id);", "Get")]
    public void ReportsEachCrudRuleWithItsOwnIdAndNothingOnTheFixedShape(string id, string bad, string @fixed, string at)
    {
        static string Class(string method) => $$"""
            public sealed record Draft([MaxLength(200)] string? Title);

            public sealed record Untitled([MaxLength(200)] string Summary);

            [Endpoints("/notes")]
            public partial class NotesApi(NoteStore notes)
            {
                {{method}}

                [Get("/{id}/title")]
                public async Task<string?> Title(Guid id, Caller caller) => (await notes.FindAsync(caller, id))?.Title;
            }
            """;

        AssertSingle(Run(Class(bad)), id, at);
        var fixedRun = Run(Class(@fixed));
        Assert.Empty(fixedRun.Diagnostics);
        Assert.Empty(fixedRun.CompilationProblems);
    }


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

        var diagnostic = AssertSingle(run, "SAPI039", at: name);
        Assert.Contains($"Partial method '{name}' has no body and matches no generated operation; use one of: GET with the key → Task<T?>", Message(diagnostic), StringComparison.Ordinal);
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

        var diagnostic = AssertSingle(run, "SAPI038", at: "Get");
        Assert.Contains("does not return Task<...>", Message(diagnostic), StringComparison.Ordinal);
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

        var diagnostic = AssertSingle(run, "SAPI036", at: "Get");
        Assert.Contains("take the resource's store ({T}Store) in the constructor, or return the resource type", Message(diagnostic), StringComparison.Ordinal);
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

    [Theory]
    [InlineData("[MigrationStep(\"bad id!\", Sqlite = \"UPDATE things SET a = 1\", PostgreSql = \"UPDATE things SET a = 1\")]", "SAPI073", "has an id that is not 1-100 letters, digits, '.', '_' or '-'")]
    [InlineData("[MigrationStep(\"one\", Sqlite = \"UPDATE things SET a = 1\")]", "SAPI073", "has no SQL for PostgreSQL (PostgreSql = \"...\")")]
    [InlineData("[MigrationStep(\"one\", Sqlite = \"UPDATE thing SET a = 1\", PostgreSql = \"UPDATE things SET a = 1\")]", "SAPI074", "whose SQLite SQL does not name the table 'things'")]
    [InlineData("[MigrationStep(\"one\", Table = \"old_things\", Sqlite = \"DROP TABLE things\", PostgreSql = \"DROP TABLE old_things\")]", "SAPI074", "whose SQLite SQL does not name the table 'old_things'")]
    public void ReportsAnInvalidMigrationStepAtItsAttribute(string attribute, string id, string message)
    {
        var run = Run($$"""
            {{attribute}}
            [Resource("things", Shared = true)]
            public sealed record Thing
            {
                [Key]
                public Guid Id { get; init; }
            }
            """);

        var diagnostic = AssertSingle(run, id, attribute[1..^1]);
        Assert.Contains(message, Message(diagnostic), StringComparison.Ordinal);
        Assert.DoesNotContain("Shop.Thing.Store.g.cs", run.HintNames);
    }

    [Fact]
    public void ReportsNothingForAValidMigrationStep()
    {
        var run = Run("""
            [MigrationStep("2026-11-01-one", Member = "Id", Sqlite = "UPDATE things SET id = id", PostgreSql = "UPDATE things SET id = id")]
            [Resource("things", Shared = true)]
            public sealed record Thing
            {
                [Key]
                public Guid Id { get; init; }
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Contains("Shop.Thing.Store.g.cs", run.HintNames);
    }
}
