using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
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
    {
        var database = options.Value.Database;
        IdempotencyRetention = TimeSpan.FromHours(options.Value.Idempotency.RetentionHours);
        if (!string.IsNullOrWhiteSpace(database.PostgreSql))
        {
            Dialect = SqlDialect.PostgreSql;
            _postgres = NpgsqlDataSource.Create(database.PostgreSql);
            return;
        }

        var path = Path.IsPathRooted(database.SqlitePath) ? database.SqlitePath : Path.Combine(environment.ContentRootPath, database.SqlitePath);
        _sqliteDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Dialect = SqlDialect.Sqlite;
        _sqlite = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public SqlDialect Dialect { get; }

    /// <summary>How long an <c>Idempotency-Key</c> is remembered (<c>SecureApi:Idempotency:RetentionHours</c>).</summary>
    internal TimeSpan IdempotencyRetention { get; }

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

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

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
