using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Data.Migrations;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// The re-encryption job on the sample's <c>Note.PrivateNote</c>: values written in plaintext before the member became
/// <c>[Encrypted]</c> (simulated by writing plaintext below the API and forgetting the column's progress, which is
/// exactly what such a database holds), and values under <c>k1</c> after <c>k2</c> becomes the active key, are
/// converted in batches while the owner keeps reading them, and a user's write that lands inside a batch stands.
/// </summary>
public abstract class ReEncryptionTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AMemberMadeEncryptedHasItsPlaintextRowsConvertedWithTheirValuesIntact()
    {
        var caller = SampleFactory.NewFreshCaller();
        var plaintexts = await SeedPlaintextAsync(caller, 12);

        var since = DateTimeOffset.UtcNow;
        await using var converting = Target.CreateFactory(ReEncryptionProbe.Converting("k1", batchSize: 5));
        var client = converting.ClientFor(caller);
        await ReEncryptionProbe.WaitForCompletionAsync(Target, "k1", since, s_timeout);

        var stored = await ReEncryptionProbe.StoredAsync(Target, caller.Subject);
        foreach (var (id, plaintext) in plaintexts)
        {
            Assert.StartsWith("v1.k1.", stored[id], StringComparison.Ordinal);
            Assert.Equal(plaintext, ReEncryptionProbe.Decrypt(stored[id]!, id, caller.Subject));
            Assert.Equal(plaintext, (await GetNoteAsync(client, id)).PrivateNote);
        }
    }

    [Fact]
    public async Task AfterARotationEveryValueIsUnderTheNewKeyAndNoVersionMoves()
    {
        var caller = SampleFactory.NewFreshCaller();
        var alice = Client(caller);
        var notes = new Dictionary<Guid, (string Secret, long Version)>();
        for (var i = 0; i < 10; i++)
        {
            var note = await CreateNoteAsync(alice, "rotate-" + i, "body", "rotated-secret-" + i);
            notes[note.Id] = (note.PrivateNote!, note.Version);
        }

        var since = DateTimeOffset.UtcNow;
        await using var rotated = Target.CreateFactory(ReEncryptionProbe.Converting("k2", batchSize: 3));
        var client = rotated.ClientFor(caller);
        await ReEncryptionProbe.WaitForCompletionAsync(Target, "k2", since, s_timeout);

        var stored = await ReEncryptionProbe.StoredAsync(Target, caller.Subject);
        foreach (var (id, (secret, version)) in notes)
        {
            Assert.StartsWith("v1.k2.", stored[id], StringComparison.Ordinal);
            var read = await GetNoteAsync(client, id);
            Assert.Equal(secret, read.PrivateNote);
            Assert.Equal(version, read.Version); // the value did not change, so neither does its ETag
        }
    }

    [Fact]
    public async Task TheOwnerReadsEveryValueWhileThePlaintextConversionRuns()
    {
        var caller = SampleFactory.NewFreshCaller();
        var plaintexts = await SeedPlaintextAsync(caller, 30);

        var since = DateTimeOffset.UtcNow;
        await using var converting = Target.CreateFactory(ReEncryptionProbe.Converting("k1", batchSize: 2, pauseMilliseconds: 150));
        var client = converting.ClientFor(caller);
        var readsWhileMixed = 0;
        while (!await ReEncryptionProbe.CompletedSinceAsync(Target, "k1", since))
        {
            var before = await ReEncryptionProbe.StoredAsync(Target, caller.Subject);
            var (list, _) = await ListAllAsync<NoteDto>(client, "/notes");
            var after = await ReEncryptionProbe.StoredAsync(Target, caller.Subject);
            foreach (var (id, plaintext) in plaintexts)
            {
                Assert.Equal(plaintext, list.Single(n => n.Id == id).PrivateNote);
            }

            // Both before and after the list some values were converted and some still plaintext: it read a mix.
            if (IsMixed(before) && IsMixed(after))
            {
                readsWhileMixed++;
            }
        }

        Assert.True(readsWhileMixed > 0, "No list was read while the caller's values were part converted.");
        foreach (var (id, plaintext) in plaintexts)
        {
            Assert.Equal(plaintext, (await GetNoteAsync(client, id)).PrivateNote);
        }

        static bool IsMixed(Dictionary<Guid, string?> stored)
        {
            var converted = stored.Values.Count(v => v is not null && v.StartsWith("v1.k1.", StringComparison.Ordinal));
            return converted > 1 && converted < stored.Values.Count(v => v is not null) - 1;
        }
    }

    [Fact]
    public async Task AUserWriteThatLandsInsideABatchIsNotOverwritten()
    {
        var caller = SampleFactory.NewFreshCaller();
        var note = await CreateNoteAsync(Client(caller), "raced", "body", "before-the-batch");
        var observer = new WriteInsideBatch(note.Id);
        var since = DateTimeOffset.UtcNow;
        await using var rotated = Target.CreateFactory(ReEncryptionProbe.Converting("k2", batchSize: 4));
        await using var app = rotated.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IReEncryptionBatchObserver>(observer)));
        var client = SampleFactory.CheckedClient(app);
        client.DefaultRequestHeaders.Add("X-Api-Key", caller.ApiKey);
        observer.Client.SetResult(client);

        await ReEncryptionProbe.WaitForCompletionAsync(Target, "k2", since, s_timeout);

        Assert.True(observer.Wrote, "The batch holding the note was never written.");
        Assert.Equal("written-inside-the-batch", (await GetNoteAsync(client, note.Id)).PrivateNote);
        Assert.StartsWith("v1.k2.", (await Target.ReadNoteAsync(note.Id))!.PrivateNote, StringComparison.Ordinal);
    }

    /// <summary>
    /// Notes created through the API, then their <c>private_note</c> rewritten in plaintext below it (as the version
    /// before <c>[Encrypted]</c> wrote them), the column's progress forgotten. One value is plaintext that looks like
    /// ciphertext under <c>k1</c>: it must be treated as the text it is.
    /// </summary>
    private async Task<Dictionary<Guid, string>> SeedPlaintextAsync(TestCaller caller, int count)
    {
        var client = Client(caller);
        var plaintexts = new Dictionary<Guid, string>();
        for (var i = 0; i < count; i++)
        {
            var note = await CreateNoteAsync(client, "plain-" + i, "body", "placeholder");
            plaintexts[note.Id] = "plain-secret-" + i;
        }

        var lookAlike = await CreateNoteAsync(client, "look-alike", "body", "placeholder");
        plaintexts[lookAlike.Id] = "v1.k1." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(40));
        await CreateNoteAsync(client, "no-private-note");
        foreach (var (id, plaintext) in plaintexts)
        {
            Assert.Equal(1, await Target.ExecuteAsync("UPDATE notes SET private_note = @p0 WHERE id = @p1", plaintext, id));
        }

        await ReEncryptionProbe.ForgetAsync(Target);
        return plaintexts;
    }

    /// <summary>When the batch holding the note has been read and not yet written, the owner rewrites the note.</summary>
    private sealed class WriteInsideBatch(Guid noteId) : IReEncryptionBatchObserver
    {
        public TaskCompletionSource<HttpClient> Client { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Wrote { get; private set; }

        public async ValueTask BeforeWriteAsync(string table, string column, IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
        {
            if (Wrote || !keys.Contains(noteId))
            {
                return;
            }

            var client = await Client.Task.WaitAsync(cancellationToken);
            var current = await GetNoteAsync(client, noteId);
            var patch = await SendAsync(client, HttpMethod.Patch, $"/notes/{noteId}", new { privateNote = "written-inside-the-batch" }, ETag(current.Version));
            await AssertStatusAsync(patch, HttpStatusCode.OK);
            Wrote = true;
        }
    }
}

public sealed class SqliteReEncryptionTests(ClassDatabase database) : ReEncryptionTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresReEncryptionTests(PostgresServer server, ClassDatabase database) : ReEncryptionTests(database, new PostgresEngine(server));
