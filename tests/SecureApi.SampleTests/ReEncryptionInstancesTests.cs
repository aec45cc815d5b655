using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Data.Migrations;
using SecureApi.SampleTests.Infrastructure;
using SecureApi.Testing;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// Two instances rotated to <c>k2</c> on one database: one re-encrypts, the other finds the re-encryption lock held
/// and says so, and converts nothing. The first is held inside its first batch until the second has looked, so the
/// two certainly overlap.
/// </summary>
public abstract class ReEncryptionInstancesTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    private const int Notes = 12;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task OnlyOneInstanceReEncryptsAndTheOtherLogsThatAnotherHoldsTheJob()
    {
        var caller = SampleFactory.NewFreshCaller();
        var secrets = new Dictionary<Guid, string>();
        for (var i = 0; i < Notes; i++)
        {
            var note = await CreateNoteAsync(Client(caller), "instances-" + i, "body", "instances-secret-" + i);
            secrets[note.Id] = note.PrivateNote!;
        }

        var since = DateTimeOffset.UtcNow;
        var first = new RecordedBatches(holdFirst: true);
        await using var firstFactory = Target.CreateFactory(ReEncryptionProbe.Converting("k2", batchSize: 3));
        await using var firstApp = firstFactory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IReEncryptionBatchObserver>(first)));
        _ = firstApp.Services; // starts it
        await first.InsideFirstBatch.Task.WaitAsync(s_timeout);

        var second = new RecordedBatches(holdFirst: false);
        var secondLogs = new CapturedLogs();
        var settings = ReEncryptionProbe.Converting("k2", batchSize: 3);
        settings["Logging:LogLevel:SecureApi.Data.Migrations"] = "Information";
        await using var secondFactory = new SampleFactory(Target, settings) { Logs = secondLogs };
        await using var secondApp = secondFactory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IReEncryptionBatchObserver>(second)));
        _ = secondApp.Services;
        var clock = Stopwatch.StartNew();
        while (!secondLogs.Entries.Any(e => e.EventId.Id == 2039) && second.Keys.IsEmpty)
        {
            Assert.True(clock.Elapsed < s_timeout, "The second instance never said another instance holds the re-encryption.");
            await Task.Delay(20);
        }

        Assert.Empty(second.Keys);
        first.Release.SetResult();
        await ReEncryptionProbe.WaitForCompletionAsync(Target, "k2", since, s_timeout);

        // Every row read and written by the first alone, once per encrypted column; the progress row counts each value once.
        Assert.Empty(second.Keys);
        Assert.Contains(secondLogs.Entries, e => e.EventId.Id == 2039);
        Assert.Equal(first.Keys.Count, first.Keys.Distinct().Count());
        Assert.Superset(first.Keys.Where(k => k.Column == "private_note").Select(k => k.Key).ToHashSet(), secrets.Keys.ToHashSet());
        Assert.Equal(("k2", (long)Notes, true), await ReEncryptionProbe.PassAsync(Target));
        var stored = await ReEncryptionProbe.StoredAsync(Target, caller.Subject);
        foreach (var (id, secret) in secrets)
        {
            Assert.StartsWith("v1.k2.", stored[id], StringComparison.Ordinal);
            Assert.Equal(secret, ReEncryptionProbe.Decrypt(stored[id]!, id, caller.Subject));
        }
    }

    /// <summary>Every column and row key of every batch an instance read, in order; optionally held inside the first batch until released.</summary>
    private sealed class RecordedBatches(bool holdFirst) : IReEncryptionBatchObserver
    {
        public ConcurrentQueue<(string Column, Guid Key)> Keys { get; } = new();

        public TaskCompletionSource InsideFirstBatch { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask BeforeWriteAsync(string table, string column, IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
        {
            foreach (var key in keys)
            {
                Keys.Enqueue((column, key));
            }

            if (holdFirst && InsideFirstBatch.TrySetResult())
            {
                await Release.Task.WaitAsync(cancellationToken);
            }
        }
    }
}

public sealed class SqliteReEncryptionInstancesTests(ClassDatabase database) : ReEncryptionInstancesTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresReEncryptionInstancesTests(PostgresServer server, ClassDatabase database) : ReEncryptionInstancesTests(database, new PostgresEngine(server));
