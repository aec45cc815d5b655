using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace SecureApi.Data;

/// <summary>
/// Everything that names a Microsoft.Data.Sqlite type. Called only behind <see cref="DatabaseEngines.IsSqliteSupported"/>,
/// so a build that leaves SQLite out trims this class, Microsoft.Data.Sqlite and SQLitePCLRaw away.
/// </summary>
internal static class SqliteEngine
{
    /// <summary>
    /// The physical connections (SQLite handles) already set up. Microsoft.Data.Sqlite pools them, and the settings below
    /// belong to the handle, so a pooled open keeps them: running the PRAGMAs on every open cost each request a command,
    /// a statement preparation and about 2 KB. Weak keys: a handle the pool closes drops out with it.
    /// </summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> s_configured = [];

    /// <summary>
    /// DefaultTimeout bounds Microsoft.Data.Sqlite's own retries of a busy statement: with the busy timeout set on open, a
    /// database locked by someone else is refused (503) after about 10 s, not 30.
    /// </summary>
    public static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 10 }.ToString();

    public static async ValueTask<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection.Handle is { } handle && !s_configured.TryGetValue(handle, out _))
            {
                await using var pragma = connection.CreateCommand();
                // WAL lets readers run beside a writer; the busy timeout makes concurrent writers wait instead of failing.
                pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
                s_configured.AddOrUpdate(handle, s_configured);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>During an outage: tries to take the write lock without waiting. True when it could (the outage is over).</summary>
    public static async ValueTask<bool> ProbeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var probe = connection.CreateCommand();
        probe.CommandText = "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;";
        probe.CommandTimeout = 1; // Microsoft.Data.Sqlite retries a busy statement until this many seconds pass
        try
        {
            await probe.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (SqliteException)
        {
            return false; // still locked: a read may still work without the lock, so the request tries
        }
        finally
        {
            probe.CommandText = "PRAGMA busy_timeout = 10000;";
            await probe.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>SQLITE_BUSY or SQLITE_LOCKED: another connection holds the lock.</summary>
    public static bool IsLocked(Exception exception) => exception is SqliteException { SqliteErrorCode: 5 or 6 };

    /// <summary>SQLITE_CONSTRAINT.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception is SqliteException { SqliteErrorCode: 19 };
}
