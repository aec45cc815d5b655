using System.ComponentModel;
using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SecureApi.Data;
using SecureApi.Infrastructure;

namespace SecureApi.Auditing;

/// <summary>
/// The service's tamper-evident audit trail (table <c>secureapi_audit</c>). Generated stores and <see cref="Authentication.ApiKeys"/>
/// append one record per change inside the change's own transaction, so a change without its record cannot commit and a
/// failed change leaves none. Records are only ever appended (and pruned by retention); nothing updates them.
/// </summary>
public sealed class AuditTrail
{
    /// <summary>The subject recorded for blocks the detectors place and let expire.</summary>
    public const string DetectorSubject = "(detector)";

    /// <summary>The subject recorded for changes made outside any request: the service's own commands.</summary>
    public const string CommandSubject = "(command)";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private readonly SecureApiDatabase _database;
    private readonly IOptionsMonitor<SecureApiOptions> _options;
    private readonly TimeProvider _time;
    private readonly IHttpContextAccessor? _http;
    private readonly Monitoring.SecureApiMetrics? _metrics;

    /// <summary>Guards the remembered head: appends run under the database's lock, but on different threads.</summary>
    private readonly Lock _headLock = new();
    private long _headSequence;
    private string? _headHash;

    /// <summary>The insert command <see cref="InsertAsync"/> keeps for the next append, detached; null while one is in use.</summary>
    private DbCommand? _spareInsert;

    /// <summary>A trail that records the caller given to each append (a store's), or <see cref="CommandSubject"/>: no request context.</summary>
    public AuditTrail(SecureApiDatabase database, IOptionsMonitor<SecureApiOptions> options, TimeProvider time)
        : this(database, options, time, null)
    {
    }

    internal AuditTrail(SecureApiDatabase database, IOptionsMonitor<SecureApiOptions> options, TimeProvider time, IHttpContextAccessor? http, Monitoring.SecureApiMetrics? metrics = null)
    {
        _metrics = metrics;
        _database = database;
        _options = options;
        _time = time;
        _http = http;

        // The trail lives in the service's database; a service with no [Resource] has none.
        IsAvailable = ResourceRegistry.Any();
    }

    /// <summary>False in a service without a database (no <c>[Resource]</c>).</summary>
    public bool IsAvailable { get; }

    /// <summary>
    /// Appends one record inside <paramref name="transaction"/>, as the last statement before its commit. Who acts is
    /// <paramref name="caller"/>, or the current request's caller when null. Called by generated stores.
    /// </summary>
    /// <remarks>
    /// Appends are serialised so concurrent writers cannot fork the chain. SQLite: the change's transaction is already
    /// <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default), which holds the database's single write lock from its
    /// start, so reading the head and inserting after it cannot interleave with another writer. PostgreSQL: a
    /// transaction-scoped advisory lock (<see cref="AuditSql.PostgreSqlLock"/>) taken here and released by the commit,
    /// which PostgreSQL makes visible before it releases the lock, so the next writer reads the new head. Taking it last
    /// keeps the serialised part short: only the insert and the commit. The head is not read back on every append: the
    /// trail remembers the last record it inserted, and the insert itself checks that this is still the chain's head
    /// (<see cref="AuditSql.InsertAfterHead"/>), so several instances on one database, a rolled-back append and pruning
    /// only cost a second try after reading the head under the lock. The primary key on the sequence is the backstop: a
    /// fork would fail the write, never commit.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask AppendAsync(DbTransaction transaction, Caller? caller, string resource, string key, string operation, IReadOnlyList<string>? changedMembers, CancellationToken cancellationToken) =>
        AppendAsync(transaction, caller, noCallerSubject: null, resource, key, operation, changedMembers, cancellationToken);

    /// <param name="noCallerSubject">Who acts when <paramref name="caller"/> is null, instead of the current request's caller
    /// (a detector's block must not be recorded as the act of the request that tripped it).</param>
    private async ValueTask AppendAsync(DbTransaction transaction, Caller? caller, string? noCallerSubject, string resource, string key, string operation, IReadOnlyList<string>? changedMembers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection.");
        if (operation is AuditOperations.Create or AuditOperations.Update && _http?.HttpContext is { } request)
        {
            // The request's [UntrustedText] verdict goes with the row it screened, in the row's own transaction.
            var subject = (caller ?? Caller.Find(request))?.Subject ?? "anonymous";
            await AiGuards.Screening.UntrustedTextQuarantine.RecordAsync(transaction, request, resource, key, subject, _time.GetUtcNow(), cancellationToken);
        }

        var context = _http?.HttpContext;
        caller ??= context is null || noCallerSubject is not null ? null : Caller.Find(context);
        var entry = new Entry(
            _time.GetUtcNow().UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture),
            caller?.Subject ?? noCallerSubject ?? (context is null ? CommandSubject : "anonymous"),
            caller?.Actor,
            caller is null ? "-" : ClientKindNames.Of(caller.ClientKind),
            resource,
            key,
            operation,
            AuditHash.JoinMembers(changedMembers),
            context is null ? TraceIds.Current() : TraceIds.Of(context));
        var postgres = _database.Dialect == SqlDialect.PostgreSql;

        // Fast path: chain onto the head this trail remembers, checked by the insert itself (one statement, and on
        // PostgreSQL the lock in the same round trip). Another instance's append, a rolled-back one or retention makes
        // it insert nothing; then the head is read under the lock, as every append did before.
        if (RememberedHead() is ({ } rememberedHash, var rememberedSequence))
        {
            var hash = entry.Hash(rememberedSequence + 1, rememberedHash);
            var sql = postgres ? AuditSql.PostgreSqlLockAndInsertAfterHead : AuditSql.InsertAfterHead;
            if (await InsertAsync(connection, transaction, sql, entry, rememberedSequence + 1, rememberedHash, hash, cancellationToken) == 1)
            {
                Appended(rememberedSequence + 1, hash);
                return;
            }
        }
        else if (postgres)
        {
            await using var lockCommand = Db.Command(connection, AuditSql.PostgreSqlLock, transaction);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var (sequence, previousHash) = await HeadAsync(connection, transaction, cancellationToken);
        var headHash = entry.Hash(sequence + 1, previousHash);
        await InsertAsync(connection, transaction, AuditSql.Insert, entry, sequence + 1, previousHash, headHash, cancellationToken);
        Appended(sequence + 1, headHash);
    }

    /// <summary>
    /// Records an administrative action that changes no row of its own (a block placed or lifted) in a transaction of its
    /// own. Nothing when the service keeps no trail (no database).
    /// </summary>
    internal async Task RecordAsync(Caller? caller, string noCallerSubject, string resource, string key, string operation, CancellationToken cancellationToken)
    {
        if (!IsAvailable)
        {
            return;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AppendAsync(transaction, caller, noCallerSubject, resource, key, operation, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The names given, without the nulls: how generated updates list the members a request set.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static IReadOnlyList<string> Members(params string?[] names) => [.. names.OfType<string>()];

    /// <summary>Up to <paramref name="limit"/> (1–100) records, newest first, older than sequence <paramref name="before"/> when given.</summary>
    public async Task<AuditPage> ListAsync(long? before = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        EnsureAvailable();
        limit = Math.Clamp(limit, 1, 100);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = Db.Command(connection, AuditSql.PageBefore);
        Db.Parameter(command, "@before", before ?? long.MaxValue, DbType.Int64);
        Db.Parameter(command, "@limit", limit + 1, DbType.Int32);
        var records = new List<AuditRecord>(limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(Read(reader));
            }
        }

        if (records.Count <= limit)
        {
            return new AuditPage(records, null);
        }

        records.RemoveAt(limit);
        return new AuditPage(records, records[^1].Sequence);
    }

    /// <summary>Walks the whole chain from its anchor and reports the first record whose sequence, link or hash does not hold.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        EnsureAvailable();
        await using var connection = await _database.OpenAsync(cancellationToken);
        var (expectedSequence, expectedPrevious) = await AnchorAsync(connection, null, cancellationToken);
        var headSequence = expectedSequence;
        long records = 0;
        long? broken = null;
        await using var command = Db.Command(connection, AuditSql.All);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = Read(reader);
            records++;
            if (broken is null && (record.Sequence != expectedSequence + 1 || record.PreviousHash != expectedPrevious || AuditHash.Compute(record) != record.Hash))
            {
                broken = record.Sequence;
            }

            // Follow the stored chain past a break, so one edited record is reported, not every record after it.
            expectedSequence = record.Sequence;
            expectedPrevious = record.Hash;
            headSequence = record.Sequence;
        }

        return new AuditVerification(broken is null, broken, records, headSequence, expectedPrevious);
    }

    /// <summary>
    /// Removes records older than <c>SecureApi:Audit:RetentionDays</c> and returns how many. In the same transaction the
    /// newest removed record's sequence and hash become the anchor, so the first remaining record still links to it.
    /// </summary>
    public async Task<long> PruneAsync(CancellationToken cancellationToken = default)
    {
        var days = _options.CurrentValue.Audit.RetentionDays;
        if (!IsAvailable || days <= 0)
        {
            return 0;
        }

        var cutoff = (_time.GetUtcNow().UtcDateTime - TimeSpan.FromDays(days)).ToString(TimeFormat, CultureInfo.InvariantCulture);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (_database.Dialect == SqlDialect.PostgreSql)
        {
            await using var lockCommand = Db.Command(connection, AuditSql.PostgreSqlLock, transaction);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        long sequence;
        string hash;
        await using (var last = Db.Command(connection, AuditSql.LastExpired, transaction))
        {
            Db.Parameter(last, "@cutoff", cutoff, DbType.String);
            await using var reader = await last.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return 0;
            }

            sequence = reader.GetInt64(0);
            hash = reader.GetString(1);
        }

        await using (var anchor = Db.Command(connection, AuditSql.SetAnchor, transaction))
        {
            Db.Parameter(anchor, "@sequence", sequence, DbType.Int64);
            Db.Parameter(anchor, "@hash", hash, DbType.String);
            await anchor.ExecuteNonQueryAsync(cancellationToken);
        }

        long removed;
        await using (var delete = Db.Command(connection, AuditSql.DeleteUpTo, transaction))
        {
            Db.Parameter(delete, "@sequence", sequence, DbType.Int64);
            removed = await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>
    /// Runs one of the insert statements with the append's values. The command and its parameters are kept between
    /// appends (one spare; concurrent appends make their own): building a command with twelve parameters was most of
    /// what an append allocated. It is detached from the connection, the transaction and the values before it is kept.
    /// </summary>
    private async ValueTask<int> InsertAsync(DbConnection connection, DbTransaction transaction, string sql, Entry entry, long sequence, string previousHash, string hash, CancellationToken cancellationToken)
    {
        var insert = Interlocked.Exchange(ref _spareInsert, null) ?? NewInsert(connection);
        int inserted;
        try
        {
            insert.Connection = connection; // before the transaction: Npgsql clears the transaction when the connection changes
            insert.Transaction = transaction;
            insert.CommandText = sql;
            var values = insert.Parameters;
            values[0].Value = sequence;
            values[1].Value = entry.Time;
            values[2].Value = entry.Subject;
            values[3].Value = (object?)entry.Actor ?? DBNull.Value;
            values[4].Value = entry.ClientKind;
            values[5].Value = entry.Resource;
            values[6].Value = entry.Key;
            values[7].Value = entry.Operation;
            values[8].Value = (object?)entry.Members ?? DBNull.Value;
            values[9].Value = (object?)entry.TraceId ?? DBNull.Value;
            values[10].Value = previousHash;
            values[11].Value = hash;
            inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
            insert.Transaction = null;
            insert.Connection = null; // Microsoft.Data.Sqlite finalises the statements it prepared, as disposing would
            for (var i = 0; i < values.Count; i++)
            {
                values[i].Value = DBNull.Value; // by index: the collection's enumerator is a boxed object
            }
        }
        catch
        {
            await insert.DisposeAsync();
            throw;
        }

        if (Interlocked.CompareExchange(ref _spareInsert, insert, null) is not null)
        {
            await insert.DisposeAsync(); // another append kept its command first
        }

        return inserted;
    }

    /// <summary>An insert command with the twelve typed parameters every insert statement binds, in <see cref="InsertAsync"/>'s order.</summary>
    private static DbCommand NewInsert(DbConnection connection)
    {
        var insert = connection.CreateCommand();
        Db.Parameter(insert, "@sequence", null, DbType.Int64);
        Db.Parameter(insert, "@occurred_at", null, DbType.String);
        Db.Parameter(insert, "@subject", null, DbType.String);
        Db.Parameter(insert, "@actor", null, DbType.String);
        Db.Parameter(insert, "@client_kind", null, DbType.String);
        Db.Parameter(insert, "@resource", null, DbType.String);
        Db.Parameter(insert, "@resource_key", null, DbType.String);
        Db.Parameter(insert, "@operation", null, DbType.String);
        Db.Parameter(insert, "@changed_members", null, DbType.String);
        Db.Parameter(insert, "@trace_id", null, DbType.String);
        Db.Parameter(insert, "@previous_hash", null, DbType.String);
        Db.Parameter(insert, "@hash", null, DbType.String);
        return insert;
    }

    /// <summary>The head this trail appended last, or null before its first append (the hash is null then).</summary>
    private (string? Hash, long Sequence) RememberedHead()
    {
        lock (_headLock)
        {
            return (_headHash, _headSequence);
        }
    }

    /// <summary>
    /// Remembers the record just inserted as the head. Only a hint for the next append: if this transaction rolls back,
    /// that append's insert finds no such row and reads the real head.
    /// </summary>
    private void Appended(long sequence, string hash)
    {
        lock (_headLock)
        {
            _headSequence = sequence;
            _headHash = hash;
        }

        // Counted when appended: the change's commit follows at once, and a rolled-back change is the rare exception.
        _metrics?.AuditWritten();
    }

    private static async Task<(long Sequence, string Hash)> HeadAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var head = Db.Command(connection, AuditSql.Head, transaction))
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                return (reader.GetInt64(0), reader.GetString(1));
            }
        }

        return await AnchorAsync(connection, transaction, cancellationToken);
    }

    /// <summary>Where the chain starts: the last pruned record, or sequence 0 with the genesis hash.</summary>
    private static async Task<(long Sequence, string Hash)> AnchorAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var anchor = Db.Command(connection, AuditSql.Anchor, transaction);
        await using var reader = await anchor.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditHash.Genesis);
    }

    private static AuditRecord Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetString(7),
        AuditHash.SplitMembers(reader.IsDBNull(8) ? null : reader.GetString(8)),
        reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.GetString(11),
        reader.GetString(12));

    /// <summary>An append's fields other than its place in the chain, worked out once (the fast path may fall back).</summary>
    private readonly record struct Entry(string Time, string Subject, string? Actor, string ClientKind, string Resource, string Key, string Operation, string? Members, string? TraceId)
    {
        public string Hash(long sequence, string previousHash) =>
            AuditHash.Compute(sequence, Time, Subject, Actor, ClientKind, Resource, Key, Operation, Members, "succeeded", TraceId, previousHash);
    }

    private void EnsureAvailable()
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException("The audit trail lives in the service's database, and this service declares no [Resource].");
        }
    }
}
