using Microsoft.CodeAnalysis;

namespace SecureApi.Generators.Tests;

/// <summary>
/// The checked-in schema snapshot (<c>secureapi.schema.json</c>, an AdditionalFiles item): the text the <c>schema</c> command
/// writes, the compiled-in version, and SAPI075-SAPI079 for each change between version 1 of a resource and version 2.
/// </summary>
public sealed class SchemaSnapshotTests
{
    private const string SnapshotPath = "/project/secureapi.schema.json";

    private const string Update = "update it to version 2 with `dotnet run -- schema --output secureapi.schema.json` (a build with <SecureApiSchemaSnapshot>true</SecureApiSchemaSnapshot> does it after compiling) and commit it";

    /// <summary>Version 1 of the resource, whose snapshot each test starts from.</summary>
    private const string Version1 = """
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

            [MaxLength(2000)]
            public string? Body { get; init; }

            public int Priority { get; init; }
        }
        """;

    private static readonly Lazy<string> s_version1Snapshot = new(() => SnapshotText(GeneratorHarness.Run(Version1)));

    [Fact]
    public void FirstSnapshotIsVersionOneAndNoVersionIsCompiledIn()
    {
        var run = GeneratorHarness.Run(Version1);

        Assert.Contains("\"version\": 1,", SnapshotText(run), StringComparison.Ordinal);
        Assert.DoesNotContain("SecureApiSchemaVersion.g.cs", run.HintNames);
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void SnapshotAndCompiledInVersionMatchTheApprovedFiles()
    {
        // Version 2: Body retired, a filterable member added. The snapshot's update is version 2; the service still says 1.
        var run = RunAgainstVersion1(Edit(
            Edit(Version1, "    [MaxLength(2000)]\n    public string? Body", "    [Retired, MaxLength(2000)]\n    public string? Body"),
            "    public int Priority { get; init; }\n",
            "    public int Priority { get; init; }\n\n    [Filterable]\n    public bool Done { get; init; }\n"));

        Snapshot.MatchFolder(
            new Dictionary<string, string>
            {
                ["SecureApiSchemaSnapshot"] = run.Source("SecureApiSchemaSnapshot.g.cs"),
                ["SecureApiSchemaVersion"] = run.Source("SecureApiSchemaVersion.g.cs"),
            },
            "SchemaSnapshot");
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void UnchangedSchemaKeepsTheSnapshotTextAndReportsNothing()
    {
        var run = RunAgainstVersion1(Version1);

        Assert.Equal(s_version1Snapshot.Value, SnapshotText(run));
        Assert.Contains("public const int Value = 1;", run.Source("SecureApiSchemaVersion.g.cs"), StringComparison.Ordinal);
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void AddedMemberReportsTheSnapshotOutOfDate()
    {
        var run = RunAgainstVersion1(Edit(Version1, "    public int Priority { get; init; }\n", "    public int Priority { get; init; }\n\n    public string? Tag { get; init; }\n"));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SAPI079", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("secureapi.schema.json (version 1) is out of date: 'notes.tag' is new; " + Update, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(SnapshotPath, diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("\"version\": 2,", SnapshotText(run), StringComparison.Ordinal);
    }

    [Fact]
    public void DroppedMemberThatWasNotRetiredIsSapi075()
    {
        var run = RunAgainstVersion1(Edit(Version1, "    [MaxLength(2000)]\n    public string? Body { get; init; }\n\n", ""));

        var diagnostic = Single(run, "SAPI075");
        Assert.Equal(
            "Resource 'Note' no longer declares member 'Body', whose column 'body' is in secureapi.schema.json (version 1): dropping it would delete its values; " +
            "put the member back marked [Retired] for a release (the snapshot then records it as retired, and a later release may delete it), or, if another member replaces it, declare [RenamedFrom(\"body\")] on that member",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Note", run.TextAt(diagnostic));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void DroppingAMemberTheSnapshotRecordsAsRetiredIsOnlyAnUpdate()
    {
        var retired = Edit(Version1, "    [MaxLength(2000)]\n    public string? Body", "    [Retired, MaxLength(2000)]\n    public string? Body");
        var retiredSnapshot = SnapshotText(GeneratorHarness.Run(retired));

        var run = RunAgainst(retiredSnapshot, Edit(retired, "    [Retired, MaxLength(2000)]\n    public string? Body { get; init; }\n\n", ""));

        Assert.Equal(["SAPI079"], run.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void NewColumnOfTheSameKindInPlaceOfAGoneOneIsSapi076()
    {
        var run = RunAgainstVersion1(Edit(Version1, "public string? Body", "public string? Content"));

        var diagnostic = Single(run, "SAPI076");
        Assert.Equal(
            "Resource 'Note': column 'body' (string) of secureapi.schema.json (version 1) is gone and member 'Content' adds column 'content' of the same kind; " +
            "if 'Content' is 'Body' renamed, declare [RenamedFrom(\"body\")] on it so the values are kept; if not, put 'Body' back marked [Retired] for a release first",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Content", run.TextAt(diagnostic));
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "SAPI075");
    }

    [Fact]
    public void DeclaredRenameIsOnlyAnUpdateAndTheSnapshotRecordsIt()
    {
        var renamed = Edit(Version1, "    [MaxLength(2000)]\n    public string? Body", "    [RenamedFrom(\"body\"), MaxLength(2000)]\n    public string? Content");

        var run = RunAgainstVersion1(renamed);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SAPI079", diagnostic.Id);
        Assert.Equal("secureapi.schema.json (version 1) is out of date: 'notes.body' is renamed to 'content'; " + Update, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("\"name\": \"content\",", SnapshotText(run), StringComparison.Ordinal);
        Assert.Contains("\"renamedFrom\": \"body\"", SnapshotText(run), StringComparison.Ordinal);
    }

    [Fact]
    public void RenamedFromStaysValidOnceTheSnapshotRecordsTheRename()
    {
        var renamed = Edit(Version1, "    [MaxLength(2000)]\n    public string? Body", "    [RenamedFrom(\"body\"), MaxLength(2000)]\n    public string? Content");

        var run = RunAgainst(SnapshotText(RunAgainstVersion1(renamed)), renamed);

        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void RenamedFromAColumnTheSnapshotDoesNotHaveIsSapi077()
    {
        var run = RunAgainstVersion1(Edit(Version1, "    [MaxLength(2000)]\n    public string? Body", "    [RenamedFrom(\"bdy\"), MaxLength(2000)]\n    public string? Content"));

        var diagnostic = Single(run, "SAPI077");
        Assert.Equal(
            "'Note.Content' has [RenamedFrom(\"bdy\")], but table 'notes' in secureapi.schema.json (version 1) has no column 'bdy' (it has 'body', 'id', 'owner_id', 'priority', 'title'); " +
            "name the previous column as the snapshot spells it, or remove the attribute",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Content", run.TextAt(diagnostic));
    }

    [Theory]
    [InlineData("[MaxLength(200)]\n    public string Title", "[MaxLength(100)]\n    public string Title", "Title", "its maximum length shrinks from 200 to 100")]
    [InlineData("public string? Body { get; init; }", "public string Body { get; init; } = \"\";", "Body", "it becomes required (NOT NULL)")]
    [InlineData("public int Priority", "public long Priority", "Priority", "its storage kind changes from int32 to int64")]
    public void ChangeExistingValuesMayNotFitIsSapi078(string find, string replacement, string member, string change)
    {
        var run = RunAgainstVersion1(Edit(Version1, find, replacement));

        var diagnostic = Single(run, "SAPI078");
        Assert.Equal(
            $"Resource 'Note', member '{member}': {change} since secureapi.schema.json (version 1); existing values may not fit, so the change is never applied implicitly: " +
            $"declare [MigrationStep(\"<id>\", Sqlite = \"…\", PostgreSql = \"…\", Member = \"{member}\")] on the resource (README, Schema migrations)",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(member, run.TextAt(diagnostic));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Theory]
    [InlineData("[MaxLength(200)]\n    public string Title", "[MaxLength(100)]\n    public string Title", "Title")]
    [InlineData("public string? Body { get; init; }", "public string Body { get; init; } = \"\";", "Body")]
    [InlineData("public int Priority", "public long Priority", "priority")]
    public void MigrationStepNamingTheMemberOrItsColumnDeclaresTheChange(string find, string replacement, string stepMember)
    {
        var run = RunAgainstVersion1(WithStep(Edit(Version1, find, replacement), stepMember));

        Assert.Equal(["SAPI079"], run.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void MigrationStepForAnotherMemberLeavesSapi078()
    {
        var run = RunAgainstVersion1(WithStep(Edit(Version1, "[MaxLength(200)]\n    public string Title", "[MaxLength(100)]\n    public string Title"), "Body"));

        Assert.Equal("Title", run.TextAt(Single(run, "SAPI078")));
    }

    [Fact]
    public void LongerMaximumLengthNeedsNoStep()
    {
        var run = RunAgainstVersion1(Edit(Version1, "[MaxLength(200)]\n    public string Title", "[MaxLength(400)]\n    public string Title"));

        Assert.Equal(["SAPI079"], run.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void AnEncryptedMembersLengthIsNotItsColumnsSoShorteningItChangesNothing()
    {
        // The column holds ciphertext of any length; the length bounds only what requests may send.
        var withSecret = Edit(Version1, "    public int Priority", "    [Encrypted, MaxLength(200)]\n    public string? Secret { get; init; }\n\n    public int Priority");
        var recorded = SnapshotText(GeneratorHarness.Run(withSecret));

        var run = RunAgainst(recorded, Edit(withSecret, "[Encrypted, MaxLength(200)]", "[Encrypted, MaxLength(100)]"));

        Assert.Empty(run.Diagnostics);
        Assert.Equal(recorded, SnapshotText(run));
    }

    [Fact]
    public void UnreadableSnapshotIsOutOfDateAndItsVersionStillCounts()
    {
        var run = RunAgainst("{ \"version\": 4, \"resources\": [ {", Version1);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(
            "secureapi.schema.json (version 4) is out of date: it cannot be read (expected a member name at line 1); " + Update.Replace("version 2", "version 5", StringComparison.Ordinal),
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("\"version\": 5,", SnapshotText(run), StringComparison.Ordinal);
        Assert.Contains("public const int Value = 4;", run.Source("SecureApiSchemaVersion.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void TemplateChecksInTheSnapshotOfItsTodos()
    {
        // The template's service opts in to the snapshot check, so a new service starts with its lock file in place.
        var project = Path.Combine(RepositoryRoot(), "src", "Templates", "content", "SecureApi.Service", "src", "Company.Service1");
        var expected = SnapshotText(GeneratorHarness.Run(File.ReadAllText(Path.Combine(project, "Todos.cs"))));
        var checkedIn = Path.Combine(project, "secureapi.schema.json");
        if (Environment.GetEnvironmentVariable(Snapshot.AcceptVariable) == "1")
        {
            File.WriteAllText(checkedIn, expected);
        }

        Assert.Equal(expected, File.ReadAllText(checkedIn).ReplaceLineEndings("\n"));
    }

    /// <summary>The snapshot text a run computed: what <c>schema --output</c> writes.</summary>
    internal static string SnapshotText(GeneratorRun run) =>
        (string)run.Result.TrackedSteps[TrackingNames.SchemaSnapshotText].Single().Outputs.Single().Value;

    [Fact]
    public void TheInventoryListsTheSnapshotAndItsVersion()
    {
        var withSnapshot = RunAgainstVersion1(Version1).Source("SecureApiInventory.g.cs");
        var without = GeneratorHarness.Run(Version1).Source("SecureApiInventory.g.cs");

        // The JSON is a verbatim string constant in the source: its quotes are doubled.
        Assert.Matches("""
            ""databaseSchema"":\s*\{\s*""snapshot"":\s*""secureapi\.schema\.json"",\s*""version"":\s*1\s*\}
            """, withSnapshot);
        Assert.DoesNotContain("databaseSchema", without, StringComparison.Ordinal);
    }

    private static GeneratorRun RunAgainstVersion1(string source) => RunAgainst(s_version1Snapshot.Value, source);

    private static GeneratorRun RunAgainst(string snapshot, string source) =>
        GeneratorHarness.Run(GeneratorHarness.Compile(source), GeneratorHarness.CreateDriver(new InMemoryAdditionalText(SnapshotPath, snapshot)));

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    private static Diagnostic Single(GeneratorRun run, string id) => Assert.Single(run.Diagnostics, d => d.Id == id);

    /// <summary>The resource with a hand-written <c>[MigrationStep]</c> that prepares <paramref name="member"/>.</summary>
    private static string WithStep(string source, string member) => Edit(
        source,
        "[Resource(\"notes\")]",
        $"[Resource(\"notes\")]\n[MigrationStep(\"2-prepare\", Member = \"{member}\", Sqlite = \"UPDATE notes SET title = title\", PostgreSql = \"UPDATE notes SET title = title\")]");

    private static string Edit(string source, string find, string replacement)
    {
        Assert.Contains(find, source, StringComparison.Ordinal);
        return source.Replace(find, replacement, StringComparison.Ordinal);
    }
}
