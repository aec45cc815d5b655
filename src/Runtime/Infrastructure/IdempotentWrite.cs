using System.ComponentModel;
using System.Data;
using System.Data.Common;
using System.Globalization;
using SecureApi.Data;

namespace SecureApi.Infrastructure;

/// <summary>
/// A generated create, in one transaction: with an <c>Idempotency-Key</c>, it either finds the row an earlier request
/// with the key created (the store re-reads it) or records the key with the new row; with or without a key, the new row's
/// audit record is appended in the same transaction, so the row and its record commit together or not at all.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class IdempotentWrite : IAsyncDisposable
{
    private readonly DbTransaction? _transaction;
    private readonly Caller? _caller;
    private readonly IdempotencyRequest? _request;
    private readonly DateTimeOffset _now;

    private IdempotentWrite(DbTransaction? transaction, Caller? caller, IdempotencyRequest? request, DateTimeOffset now, string? originalKey)
    {
        _transaction = transaction;
        _caller = caller;
        _request = request;
        _now = now;
        OriginalKeyText = originalKey;
    }

    /// <summary>The transaction the insert joins; null only for a retry, which writes nothing.</summary>
    public DbTransaction? Transaction => _transaction;

    private string? OriginalKeyText { get; }

    /// <summary>The key of the row an earlier request with the same key and body created (the store returns that row); null for a new write.</summary>
    public TKey? OriginalKey<TKey>()
        where TKey : struct, IParsable<TKey> =>
        OriginalKeyText is null ? null : TKey.Parse(OriginalKeyText, CultureInfo.InvariantCulture);

    /// <summary>
    /// Begins the write. A key the caller already used on this endpoint, unexpired, with the same body gives
    /// <see cref="OriginalKey{TKey}"/>; with another body it throws <see cref="IdempotencyKeyReusedException"/> (422).
    /// </summary>
    public static async ValueTask<IdempotentWrite> BeginAsync(SecureApiDatabase database, DbConnection connection, Caller caller, IdempotencyRequest? request, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var expired = now - database.IdempotencyRetention;
        var transaction = await connection.BeginTransactionAsync(cancellationToken); // SQLite: BEGIN IMMEDIATE, so same-key requests queue and then see the first
        if (request is null)
        {
            return new IdempotentWrite(transaction, caller, null, now, null); // no key to look up: just the row and its audit record
        }

        try
        {
            await using (var delete = Db.Command(connection, IdempotencySql.DeleteExpired, transaction))
            {
                Db.Parameter(delete, "@subject", caller.Subject, DbType.String);
                Db.Parameter(delete, "@expired", expired, DbType.DateTimeOffset);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var find = Db.Command(connection, IdempotencySql.Find, transaction);
            BindScope(find, caller, request);
            Db.Parameter(find, "@expired", expired, DbType.DateTimeOffset);
            string? originalKey = null;
            await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    if (!string.Equals(reader.GetString(0), request.Fingerprint, StringComparison.Ordinal))
                    {
                        throw new IdempotencyKeyReusedException();
                    }

                    originalKey = reader.GetString(1);
                }
            }

            if (originalKey is not null)
            {
                await transaction.DisposeAsync(); // nothing to write: the store re-reads the original row
                return new IdempotentWrite(null, caller, request, now, originalKey);
            }

            return new IdempotentWrite(transaction, caller, request, now, null);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Records the key (when given) with the created row's <paramref name="resourceKey"/>, appends the row's audit record
    /// to <paramref name="audit"/> under <paramref name="resource"/>, and commits all three. A concurrent request that
    /// recorded the key first makes this throw <see cref="IdempotencyKeyInUseException"/> (409), and nothing is created.
    /// A connection that fails during the commit throws <see cref="WriteOutcomeUnknownException"/> (503: retry with the key).
    /// </summary>
    public async ValueTask CompleteAsync<TKey>(TKey resourceKey, Auditing.AuditTrail audit, string resource, CancellationToken cancellationToken)
        where TKey : IFormattable
    {
        ArgumentNullException.ThrowIfNull(audit);
        if (_transaction is null)
        {
            return;
        }

        var connection = _transaction.Connection!;
        var keyText = InvariantText.Of(resourceKey);
        if (_request is not null)
        {
            await RecordKeyAsync(connection, keyText, cancellationToken);
        }

        // Last before the commit: on PostgreSQL the append takes the chain's lock, held only until the commit.
        await audit.AppendAsync(_transaction, _caller, resource, keyText, Auditing.AuditOperations.Create, null, cancellationToken);
        try
        {
            await _transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && (connection.State != ConnectionState.Open || IsConnectionFailure(exception)))
        {
            throw new WriteOutcomeUnknownException(exception); // the server may have committed before the connection broke
        }
    }

    public ValueTask DisposeAsync() => _transaction?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async ValueTask RecordKeyAsync(DbConnection connection, string resourceKey, CancellationToken cancellationToken)
    {
        await using (var insert = Db.Command(connection, IdempotencySql.Insert, _transaction))
        {
            BindScope(insert, _caller!, _request!);
            Db.Parameter(insert, "@fingerprint", _request!.Fingerprint, DbType.String);
            Db.Parameter(insert, "@resource_key", resourceKey, DbType.String);
            Db.Parameter(insert, "@now", _now, DbType.DateTimeOffset);
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (DbException exception) when (IsUniqueViolation(exception))
            {
                throw new IdempotencyKeyInUseException(exception);
            }
        }
    }

    private static void BindScope(DbCommand command, Caller caller, IdempotencyRequest request)
    {
        Db.Parameter(command, "@subject", caller.Subject, DbType.String);
        Db.Parameter(command, "@tenant", caller.Tenant ?? "", DbType.String);
        Db.Parameter(command, "@endpoint", request.Endpoint, DbType.String);
        Db.Parameter(command, "@key", request.Key, DbType.String);
    }

    // Each engine's exception types are checked only behind its switch, so a left-out engine's types are trimmed away.
    private static bool IsUniqueViolation(DbException exception) =>
        (DatabaseEngines.IsPostgreSqlSupported && PostgreSqlEngine.IsUniqueViolation(exception)) ||
        (DatabaseEngines.IsSqliteSupported && SqliteEngine.IsUniqueViolation(exception));

    /// <summary>A broken connection (not an answer from the server): the commit's outcome is not known.</summary>
    private static bool IsConnectionFailure(Exception exception) =>
        (DatabaseEngines.IsPostgreSqlSupported && PostgreSqlEngine.IsConnectionFailure(exception)) ||
        exception is IOException or System.Net.Sockets.SocketException or TimeoutException ||
        (exception.InnerException is { } inner && IsConnectionFailure(inner));
}
