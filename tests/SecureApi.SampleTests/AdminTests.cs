using System.Net;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>/admin/notes is the only unscoped access to notes: admin role only, every owner's rows, never decrypted.</summary>
public abstract class AdminTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    [Fact]
    public async Task TheAdminEndpointsRequireTheAdminRole()
    {
        var note = await CreateNoteAsync(Client("bob"), "admin-target", "body");

        foreach (var subject in new[] { "alice", "bob", "carol", "dave" })
        {
            var client = Client(subject);
            var list = await Problem.AssertAsync(await client.GetAsync("/admin/notes"), HttpStatusCode.Forbidden);
            Assert.DoesNotContain("admin-target", list.Text, StringComparison.Ordinal);
            await Problem.AssertAsync(await client.DeleteAsync($"/admin/notes/{note.Id}"), HttpStatusCode.Forbidden);
        }

        await Problem.AssertAsync(await Factory.AnonymousClient().GetAsync("/admin/notes"), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await Factory.AnonymousClient().DeleteAsync($"/admin/notes/{note.Id}"), HttpStatusCode.Unauthorized);
        Assert.NotNull(await Target.ReadNoteAsync(note.Id));
    }

    [Fact]
    public async Task TheAdminListsEveryonesNotesWithoutDecryptingThem()
    {
        var mine = new Dictionary<Guid, string>();
        foreach (var subject in new[] { "alice", "bob", "carol" })
        {
            var note = await CreateNoteAsync(Client(subject), "admin-sees-" + subject, "body", "secret-of-" + subject);
            mine[note.Id] = subject;
        }

        var (items, sizes) = await ListAllAsync<NoteDto>(Client("ada"), "/admin/notes", "limit=2");

        Assert.True(sizes.Count >= 2, "Expected the admin list to page.");
        Assert.Equal(items.Count, items.Select(n => n.Id).Distinct().Count());
        foreach (var (id, owner) in mine)
        {
            var seen = Assert.Single(items, n => n.Id == id);
            Assert.Equal(owner, seen.OwnerId);
            Assert.Equal("admin-sees-" + owner, seen.Title);
            Assert.Null(seen.PrivateNote);
        }

        var (filtered, _) = await ListAllAsync<NoteDto>(Client("ada"), "/admin/notes", "filter.title=admin-sees-carol&sort=-createdAt");
        Assert.Equal("carol", Assert.Single(filtered).OwnerId);
    }

    [Fact]
    public async Task TheAdminDeletesAnyCallersNote()
    {
        var bob = Client("bob");
        var ada = Client("ada");
        var note = await CreateNoteAsync(bob, "admin-deletes", "body");

        await AssertStatusAsync(await ada.DeleteAsync($"/admin/notes/{note.Id}"), HttpStatusCode.NoContent);

        await Problem.AssertAsync(await bob.GetAsync($"/notes/{note.Id}"), HttpStatusCode.NotFound);
        Assert.Null(await Target.ReadNoteAsync(note.Id));
        await Problem.AssertAsync(await ada.DeleteAsync($"/admin/notes/{note.Id}"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await ada.DeleteAsync($"/admin/notes/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await Problem.AssertValidationAsync(await ada.DeleteAsync("/admin/notes/not-a-guid"), "id");
    }

    [Fact]
    public async Task AdminAndOwnerCursorsAreNotInterchangeable()
    {
        var alice = Client("alice");
        var ada = Client("ada");
        for (var i = 0; i < 3; i++)
        {
            await CreateNoteAsync(alice, "cursor-swap");
        }

        var adminCursor = (await PageAsync<NoteDto>(ada, "/admin/notes?limit=1&filter.title=cursor-swap")).NextCursor!;
        var ownerCursor = (await PageAsync<NoteDto>(alice, "/notes?limit=1&filter.title=cursor-swap")).NextCursor!;

        await Problem.AssertAsync(await alice.GetAsync($"/notes?limit=1&filter.title=cursor-swap&cursor={Uri.EscapeDataString(adminCursor)}"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await ada.GetAsync($"/admin/notes?limit=1&filter.title=cursor-swap&cursor={Uri.EscapeDataString(ownerCursor)}"), HttpStatusCode.NotFound);
    }
}

public sealed class SqliteAdminTests(ClassDatabase database) : AdminTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresAdminTests(PostgresServer server, ClassDatabase database) : AdminTests(database, new PostgresEngine(server));
