using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SecureApi.Data;
using SecureApi.Data.Migrations;

namespace SecureApi.IntegrationTests.Migrations;

/// <summary>One fresh database on one engine, with the migrator and raw ADO.NET access for assertions below it.</summary>
public abstract class MigrationDatabase : IAsyncDisposable
{
    public abstract SqlDialect Dialect { get; }

    /// <summary>A new open connection, set up as SecureApi sets up its own.</summary>
    public abstract Task<DbConnection> OpenAsync();

    public abstract ValueTask DisposeAsync();

    internal async Task<SchemaMigrator.Outcome> MigrateAsync(IReadOnlyList<ResourceSchema> schemas, int version = 0, bool dryRun = false)
    {
        await using var connection = await OpenAsync();
        return await new SchemaMigrator(Dialect, NullLogger.Instance) { ServiceVersion = "test" }.MigrateAsync(connection, schemas, version, dryRun, null, CancellationToken.None);
    }

    internal Task<SchemaMigrator.Outcome> MigrateAsync(params ResourceSchema[] schemas) => MigrateAsync((IReadOnlyList<ResourceSchema>)schemas);

    public async Task<int> ExecuteAsync(string sql, params object?[] values)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, values);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<List<object?[]>> RowsAsync(string sql, params object?[] values)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    internal async Task<Catalog> CatalogAsync()
    {
        await using var connection = await OpenAsync();
        return Dialect == SqlDialect.PostgreSql
            ? await PostgreSqlCatalog.ReadAsync(connection, null, CancellationToken.None)
            : await SqliteCatalog.ReadAsync(connection, null, CancellationToken.None);
    }

    private static DbCommand Command(DbConnection connection, string sql, object?[] values)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // test SQL is constant; values travel as parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}

public sealed class SqliteMigrationDatabase : MigrationDatabase
{
    private readonly string _directory = Directory.CreateTempSubdirectory("secureapi-migrations-").FullName;

    public string FilePath => Path.Combine(_directory, "app.db");

    public override SqlDialect Dialect => SqlDialect.Sqlite;

    public override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    public override ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgreSqlMigrationDatabase(string connectionString) : MigrationDatabase
{
    public override SqlDialect Dialect => SqlDialect.PostgreSql;

    public override async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    public override ValueTask DisposeAsync()
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}

/// <summary>One throwaway PostgreSQL 15 cluster for all migration tests on PostgreSQL.</summary>
public sealed class MigrationPostgres : IAsyncLifetime
{
    private PostgresCluster? _cluster;

    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
