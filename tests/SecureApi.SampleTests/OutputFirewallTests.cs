using System.Net;
using System.Net.Http.Json;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// The sample's <c>[FilterOutput]</c> member, <c>TeamDoc.Content</c>: another person's e-mail address and card number
/// written into a shared document never leave the service, in the create answer, a GET or a list, while the stored text
/// keeps what was written and ordinary text is returned as is.
/// </summary>
public abstract class OutputFirewallTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    private const string Email = "dana.private@example.com";
    private const string Card = "4111 1111 1111 1111";
    private static readonly string s_planted = $"Refund for Dana: write to {Email}, card {Card}, ref 2024-0042.";
    private const string Redacted = "Refund for Dana: write to [redacted:email], card [redacted:card], ref 2024-0042.";

    [Fact]
    public async Task APlantedEmailAndCardAreRedactedInTheCreateAnswerAndInGet()
    {
        var alice = Client("alice");
        var created = await CreateTeamDocAsync(alice, "firewall-get", s_planted);

        var read = await Client("bob").GetFromJsonAsync<TeamDocDto>($"/team-docs/{created.Id}", Options);

        Assert.Equal(Redacted, created.Content);
        Assert.Equal(Redacted, read!.Content);
    }

    [Fact]
    public async Task APlantedEmailAndCardAreRedactedInEveryListedItem()
    {
        var alice = Client("alice");
        await CreateTeamDocAsync(alice, "firewall-list", s_planted);
        await CreateTeamDocAsync(alice, "firewall-list", "Second copy: " + s_planted);

        var response = await Client("bob").GetAsync("/team-docs?filter.title=firewall-list");
        var raw = await response.Content.ReadAsStringAsync();

        await AssertStatusAsync(response, HttpStatusCode.OK);
        Assert.DoesNotContain("dana.private", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", raw, StringComparison.Ordinal);
        var (items, _) = await ListAllAsync<TeamDocDto>(Client("bob"), "/team-docs", "filter.title=firewall-list");
        Assert.Equal([Redacted, "Second copy: " + Redacted], items.Select(d => d.Content).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheStoredTextKeepsWhatWasWritten()
    {
        var created = await CreateTeamDocAsync(Client("alice"), "firewall-stored", s_planted);

        var stored = await Target.ScalarAsync("SELECT content FROM team_docs WHERE id = @p0", created.Id);

        Assert.Equal(s_planted, stored);
    }

    [Fact]
    public async Task OrdinaryTextIsReturnedAsWritten()
    {
        const string ordinary = "Plan for Q3: ship 1,250 units by 2024-09-30, budget $12,400.50; owner: the ops team (room 4.12).";

        var created = await CreateTeamDocAsync(Client("alice"), "firewall-ordinary", ordinary);

        Assert.Equal(ordinary, (await Client("bob").GetFromJsonAsync<TeamDocDto>($"/team-docs/{created.Id}", Options))!.Content);
    }
}

public sealed class SqliteOutputFirewallTests(ClassDatabase database) : OutputFirewallTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresOutputFirewallTests(PostgresServer server, ClassDatabase database) : OutputFirewallTests(database, new PostgresEngine(server));
