using System.Net;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// [Encrypted] members: AES-GCM at rest in the <c>v1.{keyId}.{base64}</c> format, decrypted only for the owner, still
/// readable after key rotation, and bound to their row so a ciphertext copied elsewhere does not decrypt.
/// </summary>
public abstract class EncryptionTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    private const string Plaintext = "the-plaintext-123";

    [Fact]
    public async Task APrivateNoteIsStoredEncryptedWithTheActiveKeyAndReadableOnlyByItsOwner()
    {
        var alice = Client("alice");
        var note = await CreateNoteAsync(alice, "encrypted", "body", Plaintext);
        var twin = await CreateNoteAsync(alice, "encrypted-twin", "body", Plaintext);

        var stored = (await Target.ReadNoteAsync(note.Id))!.PrivateNote!;
        Assert.DoesNotContain(Plaintext, stored, StringComparison.Ordinal);
        Assert.StartsWith("v1." + SampleFactory.ActiveKeyId + ".", stored, StringComparison.Ordinal);
        var sealedBytes = Convert.FromBase64String(stored.Split('.')[2]);
        Assert.Equal(12 + Plaintext.Length + 16, sealedBytes.Length); // nonce | ciphertext | tag
        Assert.NotEqual(stored, (await Target.ReadNoteAsync(twin.Id))!.PrivateNote); // a fresh nonce per value
        Assert.Equal(0L, Convert.ToInt64(await Target.ScalarAsync("SELECT count(*) FROM notes WHERE id IN (@p0, @p1) AND private_note LIKE @p2", note.Id, twin.Id, "%" + Plaintext + "%"), System.Globalization.CultureInfo.InvariantCulture));

        // The owner reads it back, alone and in the list.
        Assert.Equal(Plaintext, note.PrivateNote);
        Assert.Equal(Plaintext, (await GetNoteAsync(alice, note.Id)).PrivateNote);
        var (list, _) = await ListAllAsync<NoteDto>(alice, "/notes", "filter.title=encrypted");
        Assert.Equal(Plaintext, Assert.Single(list).PrivateNote);

        // The admin list sees the row but not the secret.
        var adminText = await (await Client("ada").GetAsync("/admin/notes?filter.title=encrypted")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(Plaintext, adminText, StringComparison.Ordinal);
        var (adminList, _) = await ListAllAsync<NoteDto>(Client("ada"), "/admin/notes", "filter.title=encrypted");
        var adminView = Assert.Single(adminList);
        Assert.Equal(note.Id, adminView.Id);
        Assert.Null(adminView.PrivateNote);
    }

    [Fact]
    public async Task ReplaceReencryptsPatchKeepsAndReplaceWithoutItClearsThePrivateNote()
    {
        var alice = Client("alice");
        var note = await CreateNoteAsync(alice, "reencrypt", "body", Plaintext);
        var first = (await Target.ReadNoteAsync(note.Id))!.PrivateNote;

        var put = await SendAsync(alice, HttpMethod.Put, $"/notes/{note.Id}", new { title = "reencrypt", body = "b", privateNote = "second-secret" }, ETag(1));
        await AssertStatusAsync(put, HttpStatusCode.OK);
        var second = (await Target.ReadNoteAsync(note.Id))!.PrivateNote!;
        Assert.NotEqual(first, second);
        Assert.DoesNotContain("second-secret", second, StringComparison.Ordinal);
        Assert.Equal("second-secret", (await GetNoteAsync(alice, note.Id)).PrivateNote);

        var patch = await SendAsync(alice, HttpMethod.Patch, $"/notes/{note.Id}", new { title = "reencrypt-2" }, ETag(2));
        await AssertStatusAsync(patch, HttpStatusCode.OK);
        Assert.Equal("second-secret", (await GetNoteAsync(alice, note.Id)).PrivateNote);
        Assert.StartsWith("v1.", (await Target.ReadNoteAsync(note.Id))!.PrivateNote, StringComparison.Ordinal);

        var clear = await SendAsync(alice, HttpMethod.Put, $"/notes/{note.Id}", new { title = "reencrypt", body = "b" }, ETag(3));
        await AssertStatusAsync(clear, HttpStatusCode.OK);
        Assert.Null((await Target.ReadNoteAsync(note.Id))!.PrivateNote);
        Assert.Null((await GetNoteAsync(alice, note.Id)).PrivateNote);
    }

    [Fact]
    public async Task AfterRotationOldNotesStillDecryptAndNewOnesUseTheNewKey()
    {
        var alice = Client("alice");
        var old = await CreateNoteAsync(alice, "rotation-old", "body", "old-secret");
        Assert.StartsWith("v1.k1.", (await Target.ReadNoteAsync(old.Id))!.PrivateNote, StringComparison.Ordinal);

        // A new instance on the same database: k2 is active, k1 is still configured for reading.
        await using var rotated = Target.CreateFactory(new Dictionary<string, string?>
        {
            ["SecureApi:Encryption:ActiveKeyId"] = "k2",
            ["SecureApi:Encryption:Keys:k2"] = SampleFactory.EncryptionKey("k2"),
            ["SecureApi:Encryption:ReEncryption:Enabled"] = "false", // the job would convert k1 values; ReEncryptionTests cover that
        });
        var rotatedAlice = rotated.ClientFor("alice");

        Assert.Equal("old-secret", (await GetNoteAsync(rotatedAlice, old.Id)).PrivateNote);
        var fresh = await CreateNoteAsync(rotatedAlice, "rotation-new", "body", "new-secret");
        var freshStored = (await Target.ReadNoteAsync(fresh.Id))!.PrivateNote!;
        Assert.StartsWith("v1.k2.", freshStored, StringComparison.Ordinal);
        Assert.DoesNotContain("new-secret", freshStored, StringComparison.Ordinal);
        Assert.StartsWith("v1.k1.", (await Target.ReadNoteAsync(old.Id))!.PrivateNote, StringComparison.Ordinal); // reading does not rewrite

        // An update is one statement that writes only what it sets: leaving the secret out keeps its k1 ciphertext,
        // setting it through the rotated instance seals it with the new key.
        var patch = await SendAsync(rotatedAlice, HttpMethod.Patch, $"/notes/{old.Id}", new { title = "rotation-old-2" }, ETag(old.Version));
        await AssertStatusAsync(patch, HttpStatusCode.OK);
        Assert.StartsWith("v1.k1.", (await Target.ReadNoteAsync(old.Id))!.PrivateNote, StringComparison.Ordinal);
        var rewrite = await SendAsync(rotatedAlice, HttpMethod.Patch, $"/notes/{old.Id}", new { privateNote = "old-secret" }, ETag(old.Version + 1));
        await AssertStatusAsync(rewrite, HttpStatusCode.OK);
        Assert.StartsWith("v1.k2.", (await Target.ReadNoteAsync(old.Id))!.PrivateNote, StringComparison.Ordinal);
        Assert.Equal("old-secret", (await GetNoteAsync(rotatedAlice, old.Id)).PrivateNote);

        // An instance that lacks k2 cannot read what k2 sealed: a 500 that carries nothing of it.
        var response = await alice.GetAsync($"/notes/{fresh.Id}");
        var problem = await Problem.AssertAsync(response, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("new-secret", problem.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("k2", problem.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACiphertextCopiedIntoAnotherCallersRowDoesNotDecryptThere()
    {
        var alice = Client("alice");
        var bob = Client("bob");
        var aliceNote = await CreateNoteAsync(alice, "copy-source", "body", Plaintext);
        var bobNote = await CreateNoteAsync(bob, "copy-target", "body", "bob-private");
        var ciphertext = (await Target.ReadNoteAsync(aliceNote.Id))!.PrivateNote;

        Assert.Equal(1, await Target.ExecuteAsync("UPDATE notes SET private_note = @p0 WHERE id = @p1", ciphertext, bobNote.Id));

        // Every read of the row that decrypts fails closed: a 500 ProblemDetails without the plaintext.
        foreach (var uri in new[] { $"/notes/{bobNote.Id}", $"/notes/{bobNote.Id}/summary", "/notes", "/notes?filter.title=copy-target" })
        {
            var problem = await Problem.AssertAsync(await bob.GetAsync(uri), HttpStatusCode.InternalServerError);
            Assert.DoesNotContain(Plaintext, problem.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Cryptographic", problem.Text, StringComparison.OrdinalIgnoreCase);
            Assert.True(problem.Body.TryGetProperty("traceId", out _), problem.Text);
        }

        // The source row is untouched and still decrypts for its owner; the admin view never decrypts.
        Assert.Equal(Plaintext, (await GetNoteAsync(alice, aliceNote.Id)).PrivateNote);
        var adminText = await (await Client("ada").GetAsync("/admin/notes?limit=100")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(Plaintext, adminText, StringComparison.Ordinal);

        // The owner of the damaged row can still delete it.
        await AssertStatusAsync(await bob.DeleteAsync($"/notes/{bobNote.Id}"), HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task ACiphertextCopiedIntoAnotherRowOfTheSameOwnerDoesNotDecryptThere()
    {
        var alice = Client(SampleFactory.NewFreshCaller());
        var source = await CreateNoteAsync(alice, "same-owner-source", "body", Plaintext);
        var target = await CreateNoteAsync(alice, "same-owner-target", "body", "other");
        var ciphertext = (await Target.ReadNoteAsync(source.Id))!.PrivateNote;

        Assert.Equal(1, await Target.ExecuteAsync("UPDATE notes SET private_note = @p0 WHERE id = @p1", ciphertext, target.Id));

        var problem = await Problem.AssertAsync(await alice.GetAsync($"/notes/{target.Id}"), HttpStatusCode.InternalServerError);
        Assert.DoesNotContain(Plaintext, problem.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("plaintext")]
    [InlineData("unknown-key")]
    public async Task ATamperedOrForeignStoredValueFailsClosed(string damage)
    {
        var alice = Client(SampleFactory.NewFreshCaller());
        var note = await CreateNoteAsync(alice, "damaged", "body", Plaintext);
        var stored = (await Target.ReadNoteAsync(note.Id))!.PrivateNote!;
        var parts = stored.Split('.');
        var sealedBytes = Convert.FromBase64String(parts[2]);
        sealedBytes[20] ^= 0x01;
        var damaged = damage switch
        {
            "tampered" => $"{parts[0]}.{parts[1]}.{Convert.ToBase64String(sealedBytes)}",
            "plaintext" => Plaintext,
            _ => $"{parts[0]}.nope.{parts[2]}",
        };
        await Target.ExecuteAsync("UPDATE notes SET private_note = @p0 WHERE id = @p1", damaged, note.Id);

        var problem = await Problem.AssertAsync(await alice.GetAsync($"/notes/{note.Id}"), HttpStatusCode.InternalServerError);

        Assert.DoesNotContain(Plaintext, problem.Text, StringComparison.Ordinal);
    }
}

public sealed class SqliteEncryptionTests(ClassDatabase database) : EncryptionTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresEncryptionTests(PostgresServer server, ClassDatabase database) : EncryptionTests(database, new PostgresEngine(server));
