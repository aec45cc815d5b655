using SecureApi.Inventory;
using static SecureApi.IntegrationTests.Inventory.InventoryFixtures;

namespace SecureApi.IntegrationTests.Inventory;

/// <summary>
/// <c>inventory diff</c>: each kind of security-weakening change is found and listed before the other changes, and the
/// command exits 1 when there is one (so CI can stop the pull request), 0 when there is none.
/// </summary>
public sealed class InventoryDiffTests
{
    public static TheoryData<string, string, string> Weakenings => new()
    {
        { "anonymous", nameof(InventoryChangeKind.NewlyAnonymous), "now allows anonymous callers (was: authenticated (Bearer, ApiKey) · role writer · scope notes:read · client User · policy Audited), exposing id, title" },
        { "no role", nameof(InventoryChangeKind.DroppedCheck), "role check 'writer' dropped" },
        { "wider role", nameof(InventoryChangeKind.DroppedCheck), "role check 'writer' widened to 'writer or reader'" },
        { "no scope", nameof(InventoryChangeKind.DroppedCheck), "scope check 'notes:read' dropped" },
        { "any client", nameof(InventoryChangeKind.DroppedCheck), "client-kind check 'User' dropped: any client kind" },
        { "no policy", nameof(InventoryChangeKind.DroppedCheck), "authorization policy 'Audited' dropped" },
        { "rate limit off", nameof(InventoryChangeKind.RaisedLimit), "rate limiting disabled (was policy 'per-user')" },
        { "other policy", nameof(InventoryChangeKind.RaisedLimit), "rate-limit policy changed from 'per-user' to 'default'" },
        { "bigger body", nameof(InventoryChangeKind.RaisedLimit), "body cap raised from 4096 bytes to 1048576 bytes" },
        { "admin store", nameof(InventoryChangeKind.WiderDataAccess), "now reaches every Note row (admin store)" },
        { "new member", nameof(InventoryChangeKind.NewlyExposedMember), "response now includes 'flag'" },
        { "suppressed", nameof(InventoryChangeKind.NewlySuppressedDiagnostic), "SAPI047 suppressed (pragma: probe)" },
    };

    [Theory]
    [MemberData(nameof(Weakenings))]
    public void EachWeakeningIsFoundAsWhatItIs(string change, string kind, string description)
    {
        var changes = InventoryDiff.Compare(With(Protected()), With(Weaken(Protected(), change)));

        var found = Assert.Single(changes);
        Assert.Equal((Enum.Parse<InventoryChangeKind>(kind), "GET /notes/{id}", description, true), (found.Kind, found.Subject, found.Description, found.Weakens));
    }

    [Fact]
    public void AMemberNoLongerSensitiveIsANewlyExposedMember()
    {
        var head = With(Protected()) with { Resources = [Note() with { SensitiveMembers = [] }] };

        var found = Assert.Single(InventoryDiff.Compare(With(Protected()), head));

        Assert.Equal((InventoryChangeKind.NewlyExposedMember, "Note", true), (found.Kind, found.Subject, found.Weakens));
    }

    [Fact]
    public void ANewDatabaseSchemaVersionIsListedForReviewNotAsAWeakening()
    {
        var baseline = With(Protected()) with { DatabaseSchema = new("secureapi.schema.json", 1) };
        var head = baseline with { DatabaseSchema = new("secureapi.schema.json", 2) };

        var found = Assert.Single(InventoryDiff.Compare(baseline, head));

        Assert.Equal(
            (InventoryChangeKind.OtherChange, "database schema", "database schema version 1 (secureapi.schema.json) → database schema version 2 (secureapi.schema.json)", false),
            (found.Kind, found.Subject, found.Description, found.Weakens));
        Assert.Contains(" · database schema version 2 (secureapi.schema.json)\n", InventoryMarkdown.Render(head), StringComparison.Ordinal);
    }

    [Fact]
    public void ANewAnonymousEndpointIsAWeakeningAndAnAddition()
    {
        var added = Protected("GET", "/health") with { Anonymous = true, AuthenticationSchemes = [], Roles = [], Scopes = [], ClientKinds = [], Policies = [] };

        var kinds = InventoryDiff.Compare(With(Protected()), With(Protected(), added)).Select(c => c.Kind);

        Assert.Equal([InventoryChangeKind.NewlyAnonymous, InventoryChangeKind.AddedEndpoint], kinds);
    }

    [Fact]
    public void WeakeningChangesComeBeforeTheOtherChanges()
    {
        var baseline = With(Protected(), Protected("DELETE", "/notes/{id}"));
        // The head lists the added endpoint first: the order is the diff's, not the files'.
        var head = With(Protected("POST", "/notes"), Protected() with { Scopes = [] });

        var changes = InventoryDiff.Compare(baseline, head);

        Assert.Equal(
            [(InventoryChangeKind.DroppedCheck, true), (InventoryChangeKind.AddedEndpoint, false), (InventoryChangeKind.RemovedEndpoint, false)],
            changes.Select(c => (c.Kind, c.Weakens)));
    }

    [Fact]
    public void TighteningIsNotAWeakening()
    {
        var head = Protected() with { Roles = [["writer"], ["admin"]], MaxBodyBytes = 1024 };

        var changes = InventoryDiff.Compare(With(Protected()), With(head));

        Assert.Equal([InventoryChangeKind.TightenedCheck, InventoryChangeKind.TightenedCheck], changes.Select(c => c.Kind));
        Assert.DoesNotContain(changes, c => c.Weakens);
    }

    [Fact]
    public async Task TheCommandExitsOneOnAWeakeningAndListsItFirst()
    {
        using var files = new InventoryFiles(With(Protected("DELETE", "/notes/{id}"), Protected()), With(Protected("POST", "/notes"), Protected() with { Anonymous = true, AuthenticationSchemes = [] }));
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = await InventoryCommands.RunAsync(null, ("Development", []), ["diff", files.Base, files.Head, "--format", "markdown"], output, error, CancellationToken.None);

        Assert.Equal(1, exitCode);
        var text = output.ToString();
        Assert.True(
            text.IndexOf("newly anonymous", StringComparison.Ordinal) < text.IndexOf("added endpoint", StringComparison.Ordinal),
            "the weakening is not listed first:\n" + text);
        Assert.Contains("### Security-weakening changes", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandExitsZeroWhenNothingWeakens()
    {
        using var files = new InventoryFiles(With(Protected()), With(Protected(), Protected("POST", "/notes")));
        var output = new StringWriter();

        var exitCode = await InventoryCommands.RunAsync(null, ("Development", []), ["diff", files.Base, files.Head], output, new StringWriter(), CancellationToken.None);

        Assert.Equal((0, true), (exitCode, output.ToString().StartsWith("        added endpoint: POST /notes: new endpoint", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheCommandExitsTwoOnAMissingFile()
    {
        var error = new StringWriter();

        var exitCode = await InventoryCommands.RunAsync(null, ("Development", []), ["diff", "/nonexistent/base.json", "/nonexistent/head.json"], new StringWriter(), error, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Cannot read the inventories", error.ToString(), StringComparison.Ordinal);
    }

    private static InventoryEndpoint Weaken(InventoryEndpoint endpoint, string change) => change switch
    {
        "anonymous" => endpoint with { Anonymous = true, AuthenticationSchemes = [] },
        "no role" => endpoint with { Roles = [] },
        "wider role" => endpoint with { Roles = [["writer", "reader"]] },
        "no scope" => endpoint with { Scopes = [] },
        "any client" => endpoint with { ClientKinds = [] },
        "no policy" => endpoint with { Policies = [] },
        "rate limit off" => endpoint with { RateLimit = new InventoryRateLimit(null, true) },
        "other policy" => endpoint with { RateLimit = new InventoryRateLimit("default", false) },
        "bigger body" => endpoint with { MaxBodyBytes = 1_048_576 },
        "admin store" => endpoint with { Stores = [new InventoryStore("Note", "admin")] },
        "new member" => endpoint with { ResponseMembers = ["id", "title", "flag"] },
        "suppressed" => endpoint with { SuppressedDiagnostics = [new InventorySuppression("SAPI047", "pragma", "probe")] },
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
    };

    /// <summary>Two inventories written as JSON files, deleted afterwards.</summary>
    private sealed class InventoryFiles : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("inventory-diff-").FullName;

        public InventoryFiles(SecurityInventory baseline, SecurityInventory head)
        {
            File.WriteAllText(Base, System.Text.Json.JsonSerializer.Serialize(baseline, SecurityInventoryJsonContext.Default.SecurityInventory));
            File.WriteAllText(Head, System.Text.Json.JsonSerializer.Serialize(head, SecurityInventoryJsonContext.Default.SecurityInventory));
        }

        public string Base => Path.Combine(_directory, "base.json");

        public string Head => Path.Combine(_directory, "head.json");

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }
}
