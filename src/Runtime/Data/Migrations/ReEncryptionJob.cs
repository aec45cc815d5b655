using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Infrastructure;

namespace SecureApi.Data.Migrations;

/// <summary>
/// Brings every <c>[Encrypted]</c> value to the active key while the service serves: plaintext left from before a
/// member became encrypted, and values under an older key after a rotation. Per column, in key order, in batches:
/// each batch is read, sealed in memory, then written in one transaction that replaces a value only if it is still
/// the one read (a user's write in between wins) and records the batch's last key, so a crash resumes after the last
/// committed batch. At start-up, before requests, it tells readers which columns may still hold plaintext
/// (<see cref="ReEncryptionProgress"/>). Each start also checks a finished column for values not under the active key
/// (written by an instance not yet rotated) and converts them. One instance converts at a time (the re-encryption
/// lock, <see cref="DatabaseJob.ReEncryption"/>); the others check again every few seconds until the work is done.
/// </summary>
internal sealed class ReEncryptionJob(
    SecureApiDatabase database,
    FieldEncryption encryption,
    ReEncryptionProgress progress,
    IOptionsMonitor<SecureApiOptions> options,
    TimeProvider time,
    ILogger<ReEncryptionJob> logger,
    IEnumerable<IReEncryptionBatchObserver> observers) : BackgroundService
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(5);
    private readonly IReadOnlyList<EncryptedColumn> _columns = EncryptedColumn.Declared();
    private readonly IReadOnlyList<IReEncryptionBatchObserver> _observers = [.. observers];
    private bool _initialized;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // With no encrypted column left it still runs once: a column no longer encrypted must lose its progress row.
        if (ResourceRegistry.Any())
        {
            try
            {
                await InitializeAsync(cancellationToken);
            }
            catch (DbException exception)
            {
                // Readers stay strict meanwhile (ciphertext only); the job tries again in the background.
                ReEncryptionLog.Stopped(logger, "*", "*", "-", "its state could not be loaded; it tries again in the background", exception);
            }
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_columns.Count == 0 || !options.CurrentValue.Encryption.ReEncryption.Enabled)
        {
            return;
        }

        while (true)
        {
            try
            {
                if (!_initialized)
                {
                    await InitializeAsync(stoppingToken);
                }

                if (await ConvertUnderLockAsync(stoppingToken))
                {
                    return;
                }

                // Another instance is converting: check again later (resuming where it stopped if it died, or finding
                // every column done if it finished).
                ReEncryptionLog.HeldElsewhere(logger, (long)s_retryDelay.TotalSeconds);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database went away (or the schema is not there yet): resume from the last committed batch later.
                // An unhandled BackgroundService exception would stop the host; a conversion must never do that.
                ReEncryptionLog.Stopped(logger, "*", "*", "-", "the database failed; it resumes from the last committed batch in 5 s", exception);
            }

            await Task.Delay(s_retryDelay, time, stoppingToken);
        }
    }

    /// <summary>
    /// Converts every column holding the re-encryption lock, so instances never walk the same rows at once; false at
    /// once when another instance holds it. The lock dies with its holder (connection or process), so a crash never
    /// blocks the next pass: the next holder resumes from the last committed batch.
    /// </summary>
    private async Task<bool> ConvertUnderLockAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await database.OpenAsync(cancellationToken);
        await using var held = await MigrationLock.TryAcquireAsync(lockConnection, database.Dialect, DatabaseJob.ReEncryption, cancellationToken);
        if (held is null)
        {
            return false;
        }

        foreach (var column in _columns)
        {
            await ConvertAsync(column, cancellationToken);
        }

        return true;
    }

    /// <summary>Creates the progress table, gives each new column its record and tells readers what may be plaintext.</summary>
    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var create = Db.Command(connection, database.Dialect == SqlDialect.PostgreSql ? ReEncryptionSql.PostgreSqlSchema : ReEncryptionSql.SqliteSchema))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var records = await ReEncryptionRecord.LoadAsync(connection, cancellationToken);
        foreach (var stale in records.Keys.Where(k => !_columns.Any(c => c.Table == k.Table && c.Column == k.Column)))
        {
            // No longer encrypted: forget it, so encrypting it again later starts from "may hold plaintext".
            await ReEncryptionRecord.DeleteAsync(connection, stale.Table, stale.Column, cancellationToken);
        }

        foreach (var column in _columns.Where(c => !records.ContainsKey((c.Table, c.Column))))
        {
            // First seen with values in it: they may be plaintext written before the member became [Encrypted]. An empty
            // column (a new table, a new member) has nothing to convert and is strict from the start.
            await using var any = Db.Command(connection, ReEncryptionSql.AnyValue(column.Table, column.Column));
            var hasValues = await any.ExecuteScalarAsync(cancellationToken) is not null and not DBNull;
            await ReEncryptionRecord.InsertAsync(connection, column, encryption.ActiveKeyId, hasValues, time.GetUtcNow(), cancellationToken);
        }

        records = await ReEncryptionRecord.LoadAsync(connection, cancellationToken);
        foreach (var column in _columns.Where(c => records[(c.Table, c.Column)].PlaintextPossible))
        {
            progress.PlaintextPossible(column.Table, column.Column);
        }

        _initialized = true;
    }

    private async Task ConvertAsync(EncryptedColumn column, CancellationToken cancellationToken)
    {
        var activeKeyId = encryption.ActiveKeyId;
        await using var connection = await database.OpenAsync(cancellationToken);
        var record = (await ReEncryptionRecord.LoadAsync(connection, cancellationToken))[(column.Table, column.Column)];
        if (record.Completed && record.TargetKeyId == activeKeyId && !await AnyNotUnderAsync(connection, column, activeKeyId, cancellationToken))
        {
            return;
        }

        var through = record.ConvertedThrough;
        if (record.TargetKeyId != activeKeyId || record.Completed)
        {
            // A new key, or values written under an older one since the last pass finished (an instance not yet
            // rotated): a new pass from the first row.
            await ReEncryptionRecord.RestartAsync(connection, column, activeKeyId, time.GetUtcNow(), cancellationToken);
            through = null;
        }

        var plaintextPossible = record.PlaintextPossible;
        if (plaintextPossible)
        {
            progress.PlaintextPossible(column.Table, column.Column);
        }

        var converted = through is null ? 0 : record.ConvertedCount;
        ReEncryptionLog.Progress(logger, column.Table, column.Column, activeKeyId, through is null ? "started" : "resumed", converted, through);

        var unreadable = 0;
        Guid? firstUnreadable = null;
        var settings = options.CurrentValue.Encryption.ReEncryption;
        var batchSize = Math.Clamp(settings.BatchSize, 1, 10_000);
        while (true)
        {
            var batch = await ReadBatchAsync(connection, column, through, batchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var rewrites = new List<(Guid Key, string Old, string New)>();
            foreach (var (key, owner, stored) in batch)
            {
                if (!plaintextPossible && FieldEncryption.KeyIdOf(stored) == activeKeyId)
                {
                    continue; // already under the active key; a strict column cannot hold look-alike plaintext
                }

                var associatedData = column.AssociatedData(column.Column, owner, key.ToString());
                StoredValue value;
                try
                {
                    value = encryption.Classify(stored, associatedData, plaintextPossible);
                }
                catch (Exception exception) when (exception is CryptographicException or FormatException)
                {
                    // Under a key that is not configured, or not authentic for its row: left as it is, never guessed at.
                    unreadable++;
                    firstUnreadable ??= key;
                    continue;
                }

                if (value.KeyId != activeKeyId)
                {
                    rewrites.Add((key, stored, encryption.Encrypt(value.Plaintext, associatedData)));
                }
            }

            foreach (var observer in _observers)
            {
                await observer.BeforeWriteAsync(column.Table, column.Column, [.. batch.Select(r => r.Key)], cancellationToken);
            }

            var last = batch[^1].Key;
            var written = await WriteBatchAsync(connection, column, activeKeyId, rewrites, last, cancellationToken);
            through = last;
            converted += written;
            ReEncryptionLog.Progress(logger, column.Table, column.Column, activeKeyId, "batch committed", converted, through);
            if (batch.Count < batchSize)
            {
                break;
            }

            if (settings.PauseBetweenBatchesMilliseconds > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(settings.PauseBetweenBatchesMilliseconds), time, cancellationToken);
            }
        }

        if (unreadable > 0)
        {
            // Not done: the next start walks the column again from the first row (the old key stays needed until then).
            await ReEncryptionRecord.RestartAsync(connection, column, activeKeyId, time.GetUtcNow(), cancellationToken);
            ReEncryptionLog.Stopped(logger, column.Table, column.Column, activeKeyId, string.Create(CultureInfo.InvariantCulture,
                $"{unreadable} values could not be read (the first in row {firstUnreadable}): they name a key that is not configured, or do not authenticate for their row. They keep their stored value; configure the key they name and restart"), null);
            return;
        }

        await ReEncryptionRecord.CompleteAsync(connection, column, activeKeyId, time.GetUtcNow(), cancellationToken);
        ReEncryptionLog.Progress(logger, column.Table, column.Column, activeKeyId, "complete, no value remains in plaintext or under another key", converted, through);
    }

    private static async Task<bool> AnyNotUnderAsync(DbConnection connection, EncryptedColumn column, string activeKeyId, CancellationToken cancellationToken)
    {
        await using var command = Db.Command(connection, ReEncryptionSql.AnyNotUnder(column.Table, column.Column));
        Db.Parameter(command, "@prefix", "v1." + activeKeyId + ".", DbType.String);
        return await command.ExecuteScalarAsync(cancellationToken) is not null and not DBNull;
    }

    private static async Task<List<(Guid Key, string? Owner, string Stored)>> ReadBatchAsync(DbConnection connection, EncryptedColumn column, Guid? after, int batchSize, CancellationToken cancellationToken)
    {
        await using var command = Db.Command(connection, ReEncryptionSql.Batch(column.Table, column.KeyColumn, column.OwnerColumn, column.Column, after is not null));
        if (after is { } watermark)
        {
            Db.Parameter(command, "@after", watermark, DbType.Guid);
        }

        Db.Parameter(command, "@limit", batchSize, DbType.Int32);
        var rows = new List<(Guid, string?, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetFieldValue<Guid>(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    /// <summary>One transaction: each value replaced only if unchanged since it was read, then the watermark.</summary>
    private async Task<int> WriteBatchAsync(DbConnection connection, EncryptedColumn column, string activeKeyId, List<(Guid Key, string Old, string New)> rewrites, Guid last, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var written = 0;
        var sql = ReEncryptionSql.Rewrite(column.Table, column.KeyColumn, column.Column);
        foreach (var (key, old, sealedValue) in rewrites)
        {
            await using var command = Db.Command(connection, sql, transaction);
            Db.Parameter(command, "@value", sealedValue, DbType.String);
            Db.Parameter(command, "@key", key, DbType.Guid);
            Db.Parameter(command, "@old", old, DbType.String);
            written += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await ReEncryptionRecord.AdvanceAsync(connection, transaction, column, activeKeyId, last, written, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }
}
