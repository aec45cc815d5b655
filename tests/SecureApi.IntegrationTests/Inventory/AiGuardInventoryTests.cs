using SecureApi.AiGuards.OutputFiltering;
using SecureApi.Inventory;
using static SecureApi.IntegrationTests.Inventory.InventoryFixtures;

namespace SecureApi.IntegrationTests.Inventory;

/// <summary>
/// The AI guards in the inventory (schema version 2): per endpoint the screened request members and their mode, and
/// whether the output firewall runs and why; per resource the members filtered on output and the untrusted ones; the
/// firewall's policy as the command reads it from configuration. Rendered in HTML and Markdown, compared by the diff,
/// and a version-1 inventory is still read.
/// </summary>
public sealed class AiGuardInventoryTests
{
    private static readonly InventoryEndpoint s_create = Protected("POST", "/team-docs") with
    {
        UntrustedText = [new InventoryUntrustedMember("content", "quarantine"), new InventoryUntrustedMember("name", "reject")],
        OutputFilter = new InventoryOutputFilter(true, "declared"),
    };

    private static readonly InventoryEndpoint s_ask = Protected("POST", "/assistant/ask") with
    {
        UntrustedText = [new InventoryUntrustedMember("question", "reject")],
        OutputFilter = new InventoryOutputFilter(true, "chatClient"),
    };

    private static readonly InventoryResource s_teamDoc = new("TeamDoc", "Shop.TeamDoc", "team_docs", "id", null, "tenantId", [], [],
        FilteredMembers: ["content"], UntrustedMembers: [new InventoryUntrustedMember("content", "quarantine")]);

    private static readonly SecurityInventory s_inventory = new(2, "Shop", [s_create, s_ask], [s_teamDoc])
    {
        Environment = "Production",
        OutputFilterPolicy = [new InventoryOutputKind("email", "redact"), new InventoryOutputKind("private-key", "refuse"), new InventoryOutputKind("phone", "allow")],
    };

    [Fact]
    public void TheHtmlRowSaysWhichMembersAreScreenedAndWhyTheFirewallRuns()
    {
        var html = InventoryHtml.Render(s_inventory);

        Assert.Contains("<td class=\"ai-guards\"><ul class=\"cell-list\"><li>screens content (quarantine)</li><li>screens name (reject)</li><li>output firewall ([FilterOutput])</li></ul></td>", html, StringComparison.Ordinal);
        Assert.Contains("<li>screens question (reject)</li><li>output firewall (by default: uses an IChatClient)</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHtmlResourceRowListsFilteredAndUntrustedMembersAndThePolicyIsShown()
    {
        var html = InventoryHtml.Render(s_inventory);

        Assert.Contains("<td class=\"filtered\">content</td><td class=\"untrusted\">content (quarantine)</td>", html, StringComparison.Ordinal);
        Assert.Contains("data-output-kind=\"private-key\">private-key: refuse</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li class=\"badge warn\" data-output-kind=\"phone\">phone: allow</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMarkdownHasTheSameGuards()
    {
        var markdown = InventoryMarkdown.Render(s_inventory);

        Assert.Contains("| screens question (reject); output firewall (by default: uses an IChatClient) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `Shop.TeamDoc` | `team_docs` | id | — | tenantId |  |  | content | content (quarantine) |", markdown, StringComparison.Ordinal);
        Assert.Contains("(`SecureApi:OutputFilter`): `email` redact, `private-key` refuse, `phone` ⚠️ allow", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCommandAddsTheConfiguredPolicyToTheGeneratedJson()
    {
        var options = new OutputFilterOptions { Kinds = { ["Private-Key"] = OutputFilterAction.Refuse } };

        var json = InventoryCommands.WithFrameworkEndpoints("""{"schemaVersion":2,"assembly":"Shop","endpoints":[],"resources":[]}""", "Production", [], OutputPolicyInventory.Describe(options));
        var inventory = InventoryCommands.Parse(json);

        Assert.Equal("refuse", inventory.OutputFilterPolicy!.Single(k => k.Kind == "private-key").Action);
        Assert.Equal("redact", inventory.OutputFilterPolicy!.Single(k => k.Kind == "email").Action);
        Assert.Equal(OutputKinds.All, inventory.OutputFilterPolicy!.Select(k => k.Kind));
    }

    [Fact]
    public void AVersionOneInventoryIsStillReadWithoutGuards()
    {
        var inventory = InventoryCommands.Parse("""{"schemaVersion":1,"assembly":"Shop","endpoints":[],"resources":[{"name":"Note","type":"Shop.Note","table":"notes","key":"id","owner":"ownerId","tenant":null,"sensitiveMembers":[],"encryptedMembers":[]}]}""");

        Assert.Null(inventory.Resources[0].UntrustedMembers);
        Assert.Contains("| `Shop.Note` | `notes` | id | ownerId | — |  |  |  |  |", InventoryMarkdown.Render(inventory), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDiffCallsAFirewallSwitchedOffAWeakening()
    {
        var changes = InventoryDiff.Compare(new SecurityInventory(2, "Shop", [s_ask], []), new SecurityInventory(2, "Shop", [s_ask with { OutputFilter = new InventoryOutputFilter(false, null) }], []));

        var change = Assert.Single(changes);
        Assert.Equal(InventoryChangeKind.DroppedCheck, change.Kind);
        Assert.Equal("the output firewall no longer filters the response", change.Description);
    }

    [Fact]
    public void TheDiffCallsScreeningRelaxedFromRejectToQuarantineAWeakening()
    {
        var relaxed = s_ask with { UntrustedText = [new InventoryUntrustedMember("question", "quarantine")] };

        var change = Assert.Single(InventoryDiff.Compare(new SecurityInventory(2, "Shop", [s_ask], []), new SecurityInventory(2, "Shop", [relaxed], [])));

        Assert.True(change.Weakens);
        Assert.Equal("'question' untrusted-text screening changed from reject to quarantine", change.Description);
    }

    [Fact]
    public void AVersionOneBaseIsNotComparedForGuards()
    {
        var unknown = s_ask with { UntrustedText = null, OutputFilter = null };

        Assert.Empty(InventoryDiff.Compare(new SecurityInventory(1, "Shop", [unknown], []), new SecurityInventory(2, "Shop", [s_ask], [])));
    }
}
