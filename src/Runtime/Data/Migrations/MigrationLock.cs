using System.Data;
using System.Data.Common;
using SecureApi.Infrastructure;

namespace SecureApi.Data.Migrations;

/// <summary>
/// Lets exactly one instance do a database-wide job at a time (<see cref="DatabaseJob"/>: the schema migration, the
/// re-encryption); the others wait here or skip. PostgreSQL: a session advisory lock, released when the connection
/// closes (or its process dies). SQLite: an exclusive lock on a file beside the database (flock on Unix, a share lock
/// on Windows), which the operating system releases when the process dies. A crashed holder never blocks the next one.
/// </summary>
internal static class MigrationLock
{
    /// <summary>
    /// Waits for the lock up to <paramref name="timeout"/>. <paramref name="waiting"/> is called once when another
    /// instance holds it (before the wait), so the wait shows in the log.
    /// </summary>
    public static async Task<IAsyncDisposable> AcquireAsync(DbConnection connection, SqlDialect dialect, DatabaseJob job, TimeSpan timeout, Action waiting, CancellationToken cancellationToken)
    {
        if (await TryAcquireAsync(connection, dialect, job, cancellationToken) is { } held)
        {
            return held;
        }

        waiting();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return dialect == SqlDialect.PostgreSql
                ? await AdvisoryAsync(connection, job, deadline.Token)
                : await WaitForFileAsync(connection.DataSource, job, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Another instance held the {job.Description} lock for more than {timeout.TotalSeconds:0} s (SecureApi:Database:Migrations:LockTimeoutSeconds).");
        }
    }

    /// <summary>The lock if no other instance holds it, else null at once.</summary>
    public static async Task<IAsyncDisposable?> TryAcquireAsync(DbConnection connection, SqlDialect dialect, DatabaseJob job, CancellationToken cancellationToken)
    {
        if (dialect == SqlDialect.PostgreSql)
        {
            await using var command = Db.Command(connection, "SELECT pg_try_advisory_lock(@key)");
            Db.Parameter(command, "@key", job.AdvisoryKey, DbType.Int64);
            return await command.ExecuteScalarAsync(cancellationToken) is true ? AdvisoryRelease(connection, job) : null;
        }

        var path = connection.DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:")
        {
            return new Release(() => Task.CompletedTask); // a private in-memory database has no other instance
        }

        return TryOpenFile(path + job.FileSuffix);
    }

    private static async Task<IAsyncDisposable> AdvisoryAsync(DbConnection connection, DatabaseJob job, CancellationToken cancellationToken)
    {
        await using (var command = Db.Command(connection, "SELECT pg_advisory_lock(@key)"))
        {
            Db.Parameter(command, "@key", job.AdvisoryKey, DbType.Int64);
            command.CommandTimeout = 0; // waiting is the point; the deadline cancels it
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return AdvisoryRelease(connection, job);
    }

    private static Release AdvisoryRelease(DbConnection connection, DatabaseJob job) => new(async () =>
    {
        if (connection.State != ConnectionState.Open)
        {
            return; // the session ended, and its advisory locks with it
        }

        await using var unlock = Db.Command(connection, "SELECT pg_advisory_unlock(@key)");
        Db.Parameter(unlock, "@key", job.AdvisoryKey, DbType.Int64);
        await unlock.ExecuteNonQueryAsync(CancellationToken.None);
    });

    private static async Task<IAsyncDisposable> WaitForFileAsync(string path, DatabaseJob job, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryOpenFile(path + job.FileSuffix) is { } held)
            {
                return held;
            }

            await Task.Delay(100, cancellationToken); // held by another instance: wait for it
        }
    }

    private static Release? TryOpenFile(string lockPath)
    {
        try
        {
            var file = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new Release(() => file.DisposeAsync().AsTask());
        }
        catch (IOException)
        {
            return null; // another instance holds it
        }
    }

    private sealed class Release(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }
}
