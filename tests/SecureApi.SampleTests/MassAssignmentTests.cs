using System.Net;
using System.Net.Http.Json;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// Mass assignment: members the server owns (key, owner, tenant, version, stamps, the sensitive flag) cannot be sent in
/// any write; a request carrying one is a 400 naming it and changes nothing. What a create stores comes from the server.
/// </summary>
public abstract class MassAssignmentTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    public static TheoryData<string, string> ServerOwnedMembers => new()
    {
        { "id", "\"0199a5c4-0000-7000-8000-000000000001\"" },
        { "ownerId", "\"bob\"" },
        { "tenantId", "\"globex\"" },
        { "version", "99" },
        { "createdAt", "\"2000-01-01T00:00:00+00:00\"" },
        { "updatedAt", "\"2000-01-01T00:00:00+00:00\"" },
        { "moderationFlag", "\"cleared\"" },
        { "OwnerId", "\"bob\"" },
        { "owner_id", "\"bob\"" },
        { "isAdmin", "true" },
    };

    [Theory]
    [MemberData(nameof(ServerOwnedMembers))]
    public async Task CreateWithAServerOwnedMemberIsA400NamingItAndStoresNothing(string member, string value)
    {
        var client = Client("alice");
        var title = "mass-create-" + member;

        var response = await client.PostAsync("/notes", RawJson($$"""{"title":"{{title}}","body":"b","{{member}}":{{value}}}"""));

        await Problem.AssertValidationAsync(response, member);
        var (items, _) = await ListAllAsync<NoteDto>(client, "/notes", "filter.title=" + title);
        Assert.Empty(items);
        Assert.Equal(0L, Convert.ToInt64(await Target.ScalarAsync("SELECT count(*) FROM notes WHERE title = @p0", title), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(ServerOwnedMembers))]
    public async Task ReplaceWithAServerOwnedMemberIsA400NamingItAndChangesNothing(string member, string value)
    {
        var client = Client("alice");
        var note = await CreateNoteAsync(client, "mass-put", "original", "private");
        var before = await Target.ReadNoteAsync(note.Id);

        var response = await SendAsync(client, HttpMethod.Put, $"/notes/{note.Id}", RawJson($$"""{"title":"changed","body":"changed","{{member}}":{{value}}}"""), ETag(note.Version));

        await Problem.AssertValidationAsync(response, member);
        Assert.Equal(before, await Target.ReadNoteAsync(note.Id));
        Assert.Equal(note, await GetNoteAsync(client, note.Id));
    }

    [Theory]
    [MemberData(nameof(ServerOwnedMembers))]
    public async Task PatchWithAServerOwnedMemberIsA400NamingItAndChangesNothing(string member, string value)
    {
        var client = Client("alice");
        var note = await CreateNoteAsync(client, "mass-patch", "original", "private");
        var before = await Target.ReadNoteAsync(note.Id);

        var response = await SendAsync(client, HttpMethod.Patch, $"/notes/{note.Id}", RawJson($$"""{"{{member}}":{{value}}}"""), ETag(note.Version));

        await Problem.AssertValidationAsync(response, member);
        Assert.Equal(before, await Target.ReadNoteAsync(note.Id));
    }

    [Theory]
    [InlineData("tenantId", "\"globex\"")]
    [InlineData("id", "\"0199a5c4-0000-7000-8000-000000000001\"")]
    [InlineData("version", "7")]
    [InlineData("createdAt", "\"2000-01-01T00:00:00+00:00\"")]
    public async Task TeamDocWritesWithAServerOwnedMemberAreA400NamingIt(string member, string value)
    {
        var client = Client("alice");
        var doc = await CreateTeamDocAsync(client, "mass-doc-" + member);

        await Problem.AssertValidationAsync(await client.PostAsync("/team-docs", RawJson($$"""{"title":"n","content":"c","{{member}}":{{value}}}""")), member);
        await Problem.AssertValidationAsync(await SendAsync(client, HttpMethod.Put, $"/team-docs/{doc.Id}", RawJson($$"""{"title":"n","content":"c","{{member}}":{{value}}}"""), ETag(doc.Version)), member);

        Assert.Equal("acme", await Target.ScalarAsync("SELECT tenant_id FROM team_docs WHERE id = @p0", doc.Id));
        Assert.Equal(0L, Convert.ToInt64(await Target.ScalarAsync("SELECT count(*) FROM team_docs WHERE title = 'n'"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ACreateStoresTheCallerAsOwnerAServerStampAndVersionOne()
    {
        var caller = SampleFactory.NewFreshCaller();
        var client = Client(caller);
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);

        var response = await client.PostAsync("/notes", JsonOf(new { title = "owned", body = "by me" }));

        var after = DateTimeOffset.UtcNow.AddSeconds(2);
        await AssertStatusAsync(response, HttpStatusCode.Created);
        var note = (await response.Content.ReadFromJsonAsync<NoteDto>(Options))!;
        Assert.Equal(caller.Subject, note.OwnerId);
        Assert.Equal(1, note.Version);
        Assert.Equal(7, note.Id.Version); // time-ordered v7: not guessable, not client-chosen
        Assert.InRange(note.CreatedAt, before, after);
        Assert.Equal(note.CreatedAt, note.UpdatedAt);
        Assert.Equal($"/notes/{note.Id}", response.Headers.Location?.ToString());
        Assert.Equal(ETag(1), response.Headers.ETag?.ToString());
        Assert.Equal(note, await GetNoteAsync(client, note.Id));

        var row = await Target.ReadNoteAsync(note.Id);
        Assert.NotNull(row);
        Assert.Equal(caller.Subject, row.OwnerId);
        Assert.Equal(1, row.Version);
        Assert.Equal(note.CreatedAt, row.CreatedAt);
        Assert.InRange(row.CreatedAt, before, after);
        Assert.Null(row.ModerationFlag);
        Assert.Null(row.PrivateNote);
    }

    [Fact]
    public async Task AnUpdateKeepsOwnerAndCreatedAtAndMovesUpdatedAtAndVersion()
    {
        var client = Client("alice");
        var note = await CreateNoteAsync(client, "stamps", "v1");
        // Back-date both stamps, so the update's stamp must differ from them without waiting for the clock to move.
        var created = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await Target.ExecuteAsync("UPDATE notes SET created_at = @p0, updated_at = @p0 WHERE id = @p1", created, note.Id);
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);

        var response = await SendAsync(client, HttpMethod.Put, $"/notes/{note.Id}", new { title = "stamps", body = "v2" }, ETag(note.Version));

        var after = DateTimeOffset.UtcNow.AddSeconds(2);
        await AssertStatusAsync(response, HttpStatusCode.OK);
        var row = (await Target.ReadNoteAsync(note.Id))!;
        Assert.Equal("alice", row.OwnerId);
        Assert.Equal(created, row.CreatedAt);
        Assert.InRange(row.UpdatedAt, before, after);
        Assert.Equal(2, row.Version);
    }

    [Fact]
    public async Task ATeamDocTakesItsTenantFromTheCaller()
    {
        var doc = await CreateTeamDocAsync(Client("carol"), "globex-doc");

        Assert.Equal("globex", doc.TenantId);
        Assert.Equal(1, doc.Version);
        Assert.Equal("globex", await Target.ScalarAsync("SELECT tenant_id FROM team_docs WHERE id = @p0", doc.Id));
    }
}

public sealed class SqliteMassAssignmentTests(ClassDatabase database) : MassAssignmentTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresMassAssignmentTests(PostgresServer server, ClassDatabase database) : MassAssignmentTests(database, new PostgresEngine(server));
