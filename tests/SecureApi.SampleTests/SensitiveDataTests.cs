using System.Net;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>[Sensitive] members (the moderation flag) are stored but never written to any response, and owners cannot clear them.</summary>
public abstract class SensitiveDataTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    private const string Flag = "flagged-by-moderator-7f3a";

    [Fact]
    public async Task AModerationFlagSetInTheDatabaseNeverAppearsInAnyResponse()
    {
        var alice = Client("alice");
        var note = await CreateNoteAsync(alice, "flagged-note", "body", "private");
        Assert.Equal(1, await Target.ExecuteAsync("UPDATE notes SET moderation_flag = @p0 WHERE id = @p1", Flag, note.Id));

        var responses = new List<HttpResponseMessage>
        {
            await alice.GetAsync($"/notes/{note.Id}"),
            await alice.GetAsync($"/notes/{note.Id}/summary"),
            await alice.GetAsync("/notes"),
            await alice.GetAsync("/notes?filter.title=flagged-note&sort=-createdAt"),
            await Client("ada").GetAsync("/admin/notes?limit=100"),
            await Client("ada").GetAsync("/admin/notes?filter.title=flagged-note"),
        };
        var put = await SendAsync(alice, HttpMethod.Put, $"/notes/{note.Id}", new { title = "flagged-note", body = "edited", privateNote = "private" }, ETag(1));
        var patch = await SendAsync(alice, HttpMethod.Patch, $"/notes/{note.Id}", new { body = "patched" }, ETag(2));
        responses.Add(put);
        responses.Add(patch);

        foreach (var response in responses)
        {
            await AssertStatusAsync(response, HttpStatusCode.OK);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Contains("flagged-note", text, StringComparison.Ordinal);
            Assert.DoesNotContain("moderation", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Flag, text, StringComparison.Ordinal);
        }

        // The owner's PUT and PATCH kept the flag: it is not theirs to clear.
        var row = await Target.ReadNoteAsync(note.Id);
        Assert.Equal(Flag, row!.ModerationFlag);
        Assert.Equal("patched", ReEncryptionProbe.Decrypt(row.Body!, note.Id, "alice", "body"));
        Assert.Equal(3, row.Version);
    }
}

public sealed class SqliteSensitiveDataTests(ClassDatabase database) : SensitiveDataTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresSensitiveDataTests(PostgresServer server, ClassDatabase database) : SensitiveDataTests(database, new PostgresEngine(server));
