using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SecureApi.Data;

/// <summary>
/// Opens connections for the configured engine; the generated stores pick their SQL by <see cref="Dialect"/>. Each
/// engine's own code is reached only behind its <see cref="DatabaseEngines"/> switch, so an engine the build left out
/// (<c>SecureApiDatabaseEngines</c>) is trimmed away; configuring it fails start-up validation and, if used anyway,
/// <see cref="OpenAsync"/>.
/// </summary>
public sealed class SecureApiDatabase : IAsyncDisposable
{
    private readonly DbDataSource? _postgres;
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
            if (DatabaseEngines.IsPostgreSqlSupported)
            {
                _postgres = PostgreSqlEngine.CreateDataSource(database.PostgreSql!);
            }

            return;
        }

        var path = Path.IsPathRooted(database.SqlitePath) ? database.SqlitePath : Path.Combine(environment.ContentRootPath, database.SqlitePath);
        _sqliteDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Dialect = SqlDialect.Sqlite;
        if (DatabaseEngines.IsSqliteSupported)
        {
            _sqlite = SqliteEngine.ConnectionString(path);
        }
    }

    public SqlDialect Dialect { get; }

    /// <summary>How long an <c>Idempotency-Key</c> is remembered (<c>SecureApi:Idempotency:RetentionHours</c>).</summary>
    internal TimeSpan IdempotencyRetention { get; }

    /// <summary>Told of every request refused for an unavailable database, so an outage is logged once, not per request.</summary>
    internal DatabaseOutage Outage { get; }

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // A service with no [Resource] that never opens a connection may run with the engine left out; one that does
        // was refused at start-up (SecretSettingsValidator), so this is the last line, not the message users see first.
        if (!DatabaseEngines.IsSupported(Dialect))
        {
            throw new InvalidOperationException(DatabaseEngines.LeftOut(Dialect, $"The service opened a {Dialect} connection"));
        }

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
        if (_postgres is not null)
        {
            await using var probe = connection.CreateCommand();
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

        // SQLite: a lock is the outage, so try to take the write lock without waiting; still locked leaves it open.
        if (DatabaseEngines.IsSqliteSupported && await SqliteEngine.ProbeAsync(connection, cancellationToken))
        {
            Outage.Available();
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

        // OpenAsync refused a left-out engine already; the switch here is what lets trimming drop Microsoft.Data.Sqlite.
        return DatabaseEngines.IsSqliteSupported
            ? await SqliteEngine.OpenAsync(_sqlite!, cancellationToken)
            : throw new InvalidOperationException(DatabaseEngines.LeftOut(SqlDialect.Sqlite, "The service opened a Sqlite connection"));
    }
}
