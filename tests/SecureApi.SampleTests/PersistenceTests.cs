using System.Net;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>What one instance stored, the next instance on the same database reads: schema start-up is idempotent.</summary>
public abstract class PersistenceTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    [Fact]
    public async Task DataSurvivesARestartOnTheSameDatabase()
    {
        await using var storage = await Engine.CreateDatabaseAsync();
        NoteDto note;
        TeamDocDto doc;
        string cursor;
        await using (var first = storage.CreateFactory())
        {
            var alice = first.ClientFor("alice");
            note = await CreateNoteAsync(alice, "survivor", "body", "survivor-secret");
            await CreateNoteAsync(alice, "survivor-2", "body");
            doc = await CreateTeamDocAsync(alice, "survivor-doc");
            cursor = (await PageAsync<NoteDto>(alice, "/notes?limit=1")).NextCursor!;
        }

        if (storage is SqliteTarget sqlite)
        {
            Assert.True(new FileInfo(sqlite.FilePath).Length > 0, "The SQLite file is gone or empty after the first instance stopped.");
        }

        await using var second = storage.CreateFactory();
        var client = second.ClientFor("alice");
        Assert.Equal(note, await GetNoteAsync(client, note.Id));
        var (items, _) = await ListAllAsync<NoteDto>(client, "/notes");
        Assert.Equal(2, items.Count);
        await AssertStatusAsync(await second.ClientFor("bob").GetAsync($"/team-docs/{doc.Id}"), HttpStatusCode.OK);

        // It keeps working: the stored version is the ETag to write with.
        await AssertStatusAsync(await SendAsync(client, HttpMethod.Patch, $"/notes/{note.Id}", new { body = "after restart" }, ETag(note.Version)), HttpStatusCode.OK);
        Assert.Equal("survivor-secret", (await GetNoteAsync(client, note.Id)).PrivateNote);

        // Without SecureApi:Cursors:Key each instance signs with its own random key: an old cursor is refused, not trusted.
        await Problem.AssertAsync(await client.GetAsync($"/notes?limit=1&cursor={Uri.EscapeDataString(cursor)}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TwoInstancesWithTheSameCursorKeyAcceptEachOthersCursors()
    {
        var settings = new Dictionary<string, string?> { ["SecureApi:Cursors:Key"] = SampleFactory.EncryptionKey("cursors") };
        await using var one = Target.CreateFactory(settings);
        await using var two = Target.CreateFactory(settings);
        var client = Client(SampleFactory.NewFreshCaller());
        for (var i = 0; i < 3; i++)
        {
            await CreateNoteAsync(client, $"shared-cursor-{i}");
        }

        var caller = client.DefaultRequestHeaders.GetValues("X-Api-Key").Single();
        var firstClient = one.CreateClient();
        firstClient.DefaultRequestHeaders.Add("X-Api-Key", caller);
        var secondClient = two.CreateClient();
        secondClient.DefaultRequestHeaders.Add("X-Api-Key", caller);

        var page = await PageAsync<NoteDto>(firstClient, "/notes?limit=2&sort=title");
        var next = await PageAsync<NoteDto>(secondClient, $"/notes?limit=2&sort=title&cursor={Uri.EscapeDataString(page.NextCursor!)}");

        Assert.Equal(["shared-cursor-0", "shared-cursor-1", "shared-cursor-2"], page.Items.Concat(next.Items).Select(n => n.Title));
    }
}

public sealed class SqlitePersistenceTests(ClassDatabase database) : PersistenceTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresPersistenceTests(PostgresServer server, ClassDatabase database) : PersistenceTests(database, new PostgresEngine(server));
