using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureApi.Auditing;
using SecureApiDatabase = SecureApi.Data.SecureApiDatabase;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// The audit trail remembers the chain's head instead of reading it back on every append. These tests hold it to the
/// one chain anyway: two appenders on one database (two trails, two service hosts, as two instances would be), an append
/// rolled back with its write, and retention removing the remembered record all leave one chain without gaps or forks.
/// </summary>
public abstract class AuditChainHeadTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    [Fact]
    public async Task TwoTrailsOnOneDatabaseAppendingInTurnAndTogetherLeaveOneValidChain()
    {
        var first = NewTrail();
        var second = NewTrail();
        var before = await CountAsync();

        for (var i = 0; i < 6; i++)
        {
            await AppendAsync(i % 2 == 0 ? first : second, "in-turn-" + i.ToString(CultureInfo.InvariantCulture), commit: true);
        }

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => AppendAsync(i % 2 == 0 ? first : second, "together-" + i.ToString(CultureInfo.InvariantCulture), commit: true)));

        await AssertOneChainAsync(before + 16);
    }

    [Fact]
    public async Task TwoServiceHostsOnOneDatabaseWritingInTurnLeaveOneValidChain()
    {
        await using var other = Target.CreateFactory();
        var hosts = new[] { Client("alice"), other.ClientFor("alice") };
        var before = await CountAsync();

        for (var i = 0; i < 6; i++)
        {
            await CreateNoteAsync(hosts[i % 2], "host-" + i.ToString(CultureInfo.InvariantCulture));
        }

        await AssertOneChainAsync(before + 6);
    }

    [Fact]
    public async Task AnAppendRolledBackWithItsWriteLeavesTheNextAppendChained()
    {
        var trail = Factory.Services.GetRequiredService<AuditTrail>();
        await CreateNoteAsync(Client("alice"), "before-the-rollback"); // the service's trail now remembers a head
        var before = await CountAsync();

        await AppendAsync(trail, "rolled-back", commit: false);
        await CreateNoteAsync(Client("alice"), "after-the-rollback");

        Assert.Equal(0L, await CountOfKeyAsync("rolled-back"));
        await AssertOneChainAsync(before + 1);
    }

    /// <summary>The service's trail remembers a head; another instance appends after it; retention then removes every record.</summary>
    [Fact]
    public async Task AnAppendAfterRetentionRemovedEveryRecordChainsOntoTheAnchor()
    {
        var other = NewTrail();
        await CreateNoteAsync(Client("alice"), "pruned-with-the-rest"); // the service's trail remembers this record as the head
        await AppendAsync(other, "appended-elsewhere-1", commit: true);
        await AppendAsync(other, "appended-elsewhere-2", commit: true);
        await Target.ExecuteAsync("UPDATE secureapi_audit SET occurred_at = '2000-01-01T00:00:00.0000000Z'");
        Assert.True(await other.PruneAsync() > 0);
        Assert.Equal(0L, await CountAsync());

        await CreateNoteAsync(Client("alice"), "after-the-prune");

        await AssertOneChainAsync(1);
    }

    /// <summary>A second trail on the test host's database: what another instance's trail would be.</summary>
    private AuditTrail NewTrail() => new(
        Factory.Services.GetRequiredService<SecureApiDatabase>(),
        Factory.Services.GetRequiredService<IOptionsMonitor<SecureApiOptions>>(),
        TimeProvider.System);

    /// <summary>One append in a transaction of its own, as a generated store makes it, then committed or rolled back.</summary>
    private async Task AppendAsync(AuditTrail trail, string key, bool commit)
    {
        var database = Factory.Services.GetRequiredService<SecureApiDatabase>();
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await trail.AppendAsync(transaction, null, "chain_tests", key, AuditOperations.Update, ["name"], CancellationToken.None);
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }
    }

    /// <summary>The trail holds <paramref name="records"/> records numbered without gaps, and every hash and link verifies.</summary>
    private async Task AssertOneChainAsync(long records)
    {
        var result = await Factory.Services.GetRequiredService<AuditTrail>().VerifyAsync();
        var lowest = Convert.ToInt64(await Target.ScalarAsync("SELECT MIN(sequence) FROM secureapi_audit"), CultureInfo.InvariantCulture);

        Assert.Equal((true, (long?)null, records), (result.Valid, result.FirstBrokenSequence, result.Records));
        Assert.Equal(lowest + records - 1, result.HeadSequence);
    }

    private async Task<long> CountAsync() =>
        Convert.ToInt64(await Target.ScalarAsync("SELECT COUNT(*) FROM secureapi_audit"), CultureInfo.InvariantCulture);

    private async Task<long> CountOfKeyAsync(string key) =>
        Convert.ToInt64(await Target.ScalarAsync("SELECT COUNT(*) FROM secureapi_audit WHERE resource_key = @p0", key), CultureInfo.InvariantCulture);
}

public sealed class SqliteAuditChainHeadTests(ClassDatabase database) : AuditChainHeadTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresAuditChainHeadTests(PostgresServer server, ClassDatabase database) : AuditChainHeadTests(database, new PostgresEngine(server));
