using System.Net;
using System.Net.Http.Headers;
using SecureApi.SampleTests.Infrastructure;
using SecureApi.Testing;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// Delegated identity and ownership over HTTP: an agent holding a delegated token for alice (RFC 8693 <c>act</c>,
/// signed by the tests' identity provider) works on alice's notes through the generated endpoints, and bob's notes are
/// as invisible to it as to alice herself: 404 to read, replace or patch, 403 to delete (people only), nothing changed.
/// </summary>
public abstract class AgentOwnershipTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine), IAsyncLifetime
{
    private SampleFactory? _jwt;

    private SampleFactory Jwt => _jwt ??= Target.CreateFactory(SampleTokens.Settings); // the sample trusting the tests' identity provider

    [Fact]
    public async Task AnAgentForAliceReadsAlicesNote()
    {
        var note = await CreateNoteAsync(Client("alice"), "alice-agent-own");

        using var response = await AgentForAlice().GetAsync($"/notes/{note.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnAgentForAliceCannotReadBobsNote()
    {
        var note = await CreateNoteAsync(Client("bob"), "bob-agent-read");

        using var response = await AgentForAlice().GetAsync($"/notes/{note.Id}");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAgentForAliceCannotReplaceBobsNote()
    {
        var note = await CreateNoteAsync(Client("bob"), "bob-agent-put");

        using var response = await SendAsync(AgentForAlice(), HttpMethod.Put, $"/notes/{note.Id}", new { title = "taken", body = "by the agent" }, ETag(note.Version));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAgentForAliceCannotPatchBobsNote()
    {
        var note = await CreateNoteAsync(Client("bob"), "bob-agent-patch");

        using var response = await SendAsync(AgentForAlice(), HttpMethod.Patch, $"/notes/{note.Id}", new { body = "by the agent" }, ETag(note.Version));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAgentForAliceCannotDeleteBobsNote()
    {
        var note = await CreateNoteAsync(Client("bob"), "bob-agent-delete");

        using var response = await SendAsync(AgentForAlice(), HttpMethod.Delete, $"/notes/{note.Id}", ifMatch: ETag(note.Version));

        // Deleting is for people: refused before any row is looked up, so it says nothing about whether the note exists.
        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task BobsNoteIsUnchangedAfterEveryAttemptOfAliceAgent()
    {
        var note = await CreateNoteAsync(Client("bob"), "bob-agent-unchanged", "bob's words");
        var before = await Target.ReadNoteAsync(note.Id);
        var agent = AgentForAlice();

        (await SendAsync(agent, HttpMethod.Put, $"/notes/{note.Id}", new { title = "taken", body = "by the agent" }, ETag(note.Version))).Dispose();
        (await SendAsync(agent, HttpMethod.Patch, $"/notes/{note.Id}", new { body = "by the agent" }, ETag(note.Version))).Dispose();
        (await SendAsync(agent, HttpMethod.Delete, $"/notes/{note.Id}", ifMatch: ETag(note.Version))).Dispose();

        Assert.Equal(before, await Target.ReadNoteAsync(note.Id));
    }

    [Fact]
    public async Task AnAgentForAliceListsNoneOfBobsNotes()
    {
        var note = await CreateNoteAsync(Client("bob"), "bob-agent-list");

        var (items, _) = await ListAllAsync<NoteDto>(AgentForAlice(), "/notes");

        Assert.DoesNotContain(items, item => item.Id == note.Id);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_jwt is not null)
        {
            await _jwt.DisposeAsync();
        }
    }

    private HttpClient AgentForAlice()
    {
        var client = Jwt.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SampleTokens.Agent("alice", "agent-7", "acme", [.. TestCaller.PersonScopes]));
        return client;
    }
}

public sealed class SqliteAgentOwnershipTests(ClassDatabase database) : AgentOwnershipTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresAgentOwnershipTests(PostgresServer server, ClassDatabase database) : AgentOwnershipTests(database, new PostgresEngine(server));
