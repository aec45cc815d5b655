using System.Data.Common;
using SecureApi.Infrastructure;

namespace SecureApi.Data.Migrations;

/// <summary>
/// Lets exactly one instance migrate a database at a time; the others wait here, then plan again and find nothing left
/// (or finish what a crashed instance left). PostgreSQL: a session advisory lock, released when the connection closes
/// (or its process dies). SQLite: an exclusive lock on a file beside the database (flock on Unix, a share lock on
/// Windows), which the operating system releases when the process dies.
/// </summary>
internal static class MigrationLock
{
    /// <summary>The advisory lock's key: "SAPI" and "SCHM" in ASCII, a number no other code is likely to pick.</summary>
    private const long AdvisoryKey = 0x53415049_5343484D;

    public static async Task<IAsyncDisposable> AcquireAsync(DbConnection connection, SqlDialect dialect, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return dialect == SqlDialect.PostgreSql
                ? await AdvisoryAsync(connection, deadline.Token)
                : await FileAsync(connection.DataSource, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Another instance held the schema migration lock for more than {timeout.TotalSeconds:0} s (SecureApi:Database:Migrations:LockTimeoutSeconds).");
        }
    }

    private static async Task<IAsyncDisposable> AdvisoryAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using (var command = Db.Command(connection, "SELECT pg_advisory_lock(@key)"))
        {
            Db.Parameter(command, "@key", AdvisoryKey, System.Data.DbType.Int64);
            command.CommandTimeout = 0; // waiting is the point; the deadline cancels it
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new Release(async () =>
        {
            await using var unlock = Db.Command(connection, "SELECT pg_advisory_unlock(@key)");
            Db.Parameter(unlock, "@key", AdvisoryKey, System.Data.DbType.Int64);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        });
    }

    private static async Task<IAsyncDisposable> FileAsync(string path, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(path) || path == ":memory:")
        {
            return new Release(() => Task.CompletedTask); // a private in-memory database has no other instance
        }

        var lockPath = path + ".migration-lock";
        while (true)
        {
            try
            {
                var file = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new Release(() => file.DisposeAsync().AsTask());
            }
            catch (IOException)
            {
                await Task.Delay(100, cancellationToken); // held by another instance: wait for it
            }
        }
    }

    private sealed class Release(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }
}
