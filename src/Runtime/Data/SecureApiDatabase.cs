using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SecureApi.Data;

/// <summary>Opens connections for the configured engine; the generated stores pick their SQL by <see cref="Dialect"/>.</summary>
public sealed class SecureApiDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;
    private readonly string? _sqliteDirectory;
    private bool _sqliteDirectoryExists;

    public SecureApiDatabase(IOptions<SecureApiOptions> options, IHostEnvironment environment)
        : this(options, environment, NullLoggerFactory.Instance)
    {
    }

    public SecureApiDatabase(IOptions<SecureApiOptions> options, IHostEnvironment environment, ILoggerFactory loggerFactory)
    {
        Outage = new DatabaseOutage(loggerFactory.CreateLogger<SecureApi.Logging.SecureApiRequests>());
        var database = options.Value.Database;
        IdempotencyRetention = TimeSpan.FromHours(options.Value.Idempotency.RetentionHours);
        // An explicit engine wins; start-up validation has already refused PostgreSql without a connection string.
        if ((database.Engine ?? (string.IsNullOrWhiteSpace(database.PostgreSql) ? SqlDialect.Sqlite : SqlDialect.PostgreSql)) == SqlDialect.PostgreSql)
        {
            Dialect = SqlDialect.PostgreSql;
            _postgres = NpgsqlDataSource.Create(database.PostgreSql!);
            return;
        }

        var path = Path.IsPathRooted(database.SqlitePath) ? database.SqlitePath : Path.Combine(environment.ContentRootPath, database.SqlitePath);
        _sqliteDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Dialect = SqlDialect.Sqlite;
        // DefaultTimeout bounds Microsoft.Data.Sqlite's own retries of a busy statement: with the busy timeout below, a
        // database locked by someone else is refused (503) after about 10 s, not 30.
        _sqlite = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 10 }.ToString();
    }

    public SqlDialect Dialect { get; }

    /// <summary>How long an <c>Idempotency-Key</c> is remembered (<c>SecureApi:Idempotency:RetentionHours</c>).</summary>
    internal TimeSpan IdempotencyRetention { get; }

    /// <summary>Told of every request refused for an unavailable database, so an outage is logged once, not per request.</summary>
    internal DatabaseOutage Outage { get; }

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = _postgres is not null ? await _postgres.OpenConnectionAsync(cancellationToken) : await OpenSqliteAsync(cancellationToken);
        if (Outage.IsActive)
        {
            await ProbeAsync(connection, cancellationToken);
        }

        return connection;
    }

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>
    /// During an outage only: an open connection does not prove the database is back (Npgsql hands out pooled
    /// connections without a round trip; SQLite opens a locked file), so one cheap statement decides.
    /// </summary>
    private async ValueTask ProbeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var probe = connection.CreateCommand();
        if (_postgres is not null)
        {
            probe.CommandText = "SELECT 1";
            try
            {
                await probe.ExecuteScalarAsync(cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync(); // broken: the request could not have used it either
                throw;
            }

            Outage.Available();
            return;
        }

        // SQLite: a lock is the outage, so try to take the write lock without waiting; a read may still work without it.
        probe.CommandText = "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;";
        probe.CommandTimeout = 1; // Microsoft.Data.Sqlite retries a busy statement until this many seconds pass
        try
        {
            await probe.ExecuteNonQueryAsync(cancellationToken);
            Outage.Available();
        }
        catch (SqliteException)
        {
            // Still locked: leave the outage open and let the request try.
        }
        finally
        {
            probe.CommandText = "PRAGMA busy_timeout = 10000;";
            await probe.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async ValueTask<DbConnection> OpenSqliteAsync(CancellationToken cancellationToken)
    {
        // Created on first use, not at construction: a service that never stores anything leaves no folder behind.
        if (!_sqliteDirectoryExists)
        {
            Directory.CreateDirectory(_sqliteDirectory!);
            _sqliteDirectoryExists = true;
        }

        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // WAL lets readers run beside a writer; the busy timeout makes concurrent writers wait instead of failing.
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
