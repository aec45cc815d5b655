using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SecureApi.SampleTests.Infrastructure;

/// <summary>
/// One isolated database on one engine: the configuration that points the sample at it, raw ADO.NET access for
/// assertions below the API, and the engine's key order (what "list in key order" means there).
/// </summary>
public abstract class DatabaseTarget : IAsyncDisposable
{
    public abstract string Engine { get; }

    /// <summary>The <c>SecureApi:Database</c> settings for this database.</summary>
    public abstract IReadOnlyDictionary<string, string?> DatabaseSettings { get; }

    /// <summary>A new, open connection straight to the database, bypassing SecureApi.</summary>
    public abstract Task<DbConnection> OpenAsync();

    /// <summary>How the engine orders the primary key (SQLite: upper-case text; PostgreSQL: uuid, big-endian — the same order).</summary>
    public abstract int CompareKeys(Guid left, Guid right);

    /// <summary>A factory on this database; <paramref name="overrides"/> go on top of the test settings.</summary>
    public SampleFactory CreateFactory(IReadOnlyDictionary<string, string?>? overrides = null) => new(this, overrides);

    /// <summary>Runs <paramref name="sql"/> with <paramref name="parameters"/> bound as <c>@p0</c>, <c>@p1</c>, ….</summary>
    public async Task<int> ExecuteAsync(string sql, params object?[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql, params object?[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>The stored <c>notes</c> row, read with ADO.NET, or null.</summary>
    public async Task<NoteRow?> ReadNoteAsync(Guid id)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(
            connection,
            "SELECT owner_id, title, body, private_note, moderation_flag, created_at, updated_at, version FROM notes WHERE id = @p0",
            [id]);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new NoteRow(
            reader.GetString(0),
            reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetFieldValue<DateTimeOffset>(5).ToUniversalTime(),
            reader.GetFieldValue<DateTimeOffset>(6).ToUniversalTime(),
            reader.GetInt64(7));
    }

    public abstract ValueTask DisposeAsync();

    private static DbCommand Command(DbConnection connection, string sql, object?[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // test SQL is constant; values travel as parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameter.Value = parameters[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}

/// <summary>A <c>notes</c> row as stored.</summary>
public sealed record NoteRow(
    string OwnerId,
    string Title,
    string? Body,
    string? PrivateNote,
    string? ModerationFlag,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

/// <summary>A SQLite file in its own temp directory, removed (with its WAL files) on dispose.</summary>
public sealed class SqliteTarget : DatabaseTarget
{
    private readonly string _directory = Directory.CreateTempSubdirectory("secureapi-sampletests-").FullName;

    public SqliteTarget() => FilePath = Path.Combine(_directory, "notes.db");

    public string FilePath { get; }

    public override string Engine => "SQLite";

    public override IReadOnlyDictionary<string, string?> DatabaseSettings =>
        new Dictionary<string, string?> { ["SecureApi:Database:SqlitePath"] = FilePath };

    public override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000;";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    // Microsoft.Data.Sqlite stores a Guid as upper-case text, which sorts like its big-endian bytes (as PostgreSQL's uuid does).
    public override int CompareKeys(Guid left, Guid right) =>
        string.CompareOrdinal(left.ToString("D").ToUpperInvariant(), right.ToString("D").ToUpperInvariant());

    public override ValueTask DisposeAsync()
    {
        // The sample pools its connections under the connection string SecureApiDatabase builds; release just that pool.
        using (var pooled = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 10 }.ToString()))
        {
            SqliteConnection.ClearPool(pooled);
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A fresh database on the shared throwaway PostgreSQL server (which removes everything when it stops).</summary>
public sealed class PostgresTarget(string connectionString) : DatabaseTarget
{
    public override string Engine => "PostgreSQL";

    public override IReadOnlyDictionary<string, string?> DatabaseSettings =>
        new Dictionary<string, string?> { ["SecureApi:Database:PostgreSql"] = connectionString };

    public override async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    public override int CompareKeys(Guid left, Guid right) =>
        left.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(right.ToByteArray(bigEndian: true));

    public override ValueTask DisposeAsync()
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
