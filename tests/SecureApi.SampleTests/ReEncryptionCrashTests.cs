using System.Diagnostics;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// <c>kill -9</c> of the built sample in the middle of a key rotation's re-encryption, then a restart on the same
/// database: every value is, at the kill, either still its k1 ciphertext or already its k2 ciphertext (never lost,
/// never half-written), and the next start finishes the pass from where it stopped.
/// </summary>
public sealed class ReEncryptionCrashTests(OwnPostgresCluster postgres) : IClassFixture<OwnPostgresCluster>
{
    private const int Notes = 60;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SqliteResumesAKilledReEncryptionWithEveryValueIntact()
    {
        await using var target = new SqliteTarget();
        await KillMidPassAndRestartAsync(target);
    }

    [Fact]
    public async Task PostgreSqlResumesAKilledReEncryptionWithEveryValueIntact()
    {
        await using var target = new PostgresTarget(await postgres.Cluster.CreateDatabaseAsync());
        await KillMidPassAndRestartAsync(target);
    }

    private static async Task KillMidPassAndRestartAsync(DatabaseTarget target)
    {
        var caller = SampleFactory.NewFreshCaller();
        var secrets = new Dictionary<Guid, string>();
        await using (var seeding = target.CreateFactory())
        {
            var client = seeding.ClientFor(caller);
            for (var i = 0; i < Notes; i++)
            {
                var note = await CreateNoteAsync(client, "crash-" + i, "body", "crash-secret-" + i);
                secrets[note.Id] = note.PrivateNote!;
            }
        }

        // The sample as a child process rotating to k2, three values a batch, slowly enough to be killed mid-way.
        var log = new ProcessLog();
        using (var service = await StartSampleAsync(target, log))
        {
            var clock = Stopwatch.StartNew();
            while (await ReEncryptionProbe.PassAsync(target) is not { TargetKeyId: "k2", Converted: >= 9 })
            {
                Assert.True(clock.Elapsed < s_timeout, "The child never converted a batch:\n" + log);
                await Task.Delay(20);
            }

            service.Kill(); // SIGKILL, between or inside batches
            await service.WaitForExitAsync();
        }

        var pass = await ReEncryptionProbe.PassAsync(target);
        Assert.False(pass!.Value.Completed);
        Assert.Contains("Re-encryption of notes.private_note to key k2: batch committed", log.ToString(), StringComparison.Ordinal);

        // At the kill: each value whole, under one key or the other, and both keys present (it was stopped mid-way).
        var atKill = await ReEncryptionProbe.StoredAsync(target, caller.Subject);
        Assert.Equal(Notes, atKill.Count);
        foreach (var (id, secret) in secrets)
        {
            Assert.Equal(secret, ReEncryptionProbe.Decrypt(atKill[id]!, id, caller.Subject));
        }

        Assert.Contains(atKill.Values, v => v!.StartsWith("v1.k1.", StringComparison.Ordinal));
        Assert.Contains(atKill.Values, v => v!.StartsWith("v1.k2.", StringComparison.Ordinal));

        // The next start finishes it.
        var since = DateTimeOffset.UtcNow;
        await using (var restarted = target.CreateFactory(ReEncryptionProbe.Converting("k2", batchSize: 50)))
        {
            var client = restarted.ClientFor(caller);
            await ReEncryptionProbe.WaitForCompletionAsync(target, "k2", since, s_timeout);
            var (list, _) = await ListAllAsync<NoteDto>(client, "/notes");
            Assert.Equal(Notes, list.Count);
            foreach (var note in list)
            {
                Assert.Equal(secrets[note.Id], note.PrivateNote);
            }
        }

        var after = await ReEncryptionProbe.StoredAsync(target, caller.Subject);
        Assert.All(after, row => Assert.StartsWith("v1.k2.", row.Value, StringComparison.Ordinal));
    }

    private static async Task<Process> StartSampleAsync(DatabaseTarget target, ProcessLog log) =>
        (await SampleProcess.StartAsync(target, ReEncryptionProbe.Converting("k2", batchSize: 3, pauseMilliseconds: 100), log, s_timeout)).Process;
}
