using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace SecureApi.Bench;

/// <summary>
/// The items table in SQLite (WAL, pooled connections), queried as a careful hand-written service would: owner-scoped
/// statements with typed parameters. SecureApi's generated store keeps its own table in its own file on the same engine.
/// </summary>
public sealed class BenchItemStore
{
    private readonly string _connectionString;

    public BenchItemStore(IConfiguration configuration)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = BenchSettings.SqlitePath(configuration),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 10,
        }.ToString();
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var create = connection.CreateCommand();
        // WAL is a property of the file: set once here, not on every open.
        create.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS items (id TEXT NOT NULL PRIMARY KEY, owner_id TEXT NOT NULL, name TEXT NOT NULL, quantity INTEGER NOT NULL);
            """;
        create.ExecuteNonQuery();
    }

    /// <summary>The caller's item, or null when it does not exist or belongs to someone else (the same answer).</summary>
    public async Task<BenchItem?> FindAsync(string owner, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, owner_id, name, quantity FROM items WHERE id = $id AND owner_id = $owner";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$owner", owner);
        return await ReadOneAsync(command, cancellationToken);
    }

    /// <summary>Any item by id: the unsecured control's read, with no owner check.</summary>
    public async Task<BenchItem?> FindAnyAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, owner_id, name, quantity FROM items WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await ReadOneAsync(command, cancellationToken);
    }

    public async Task<BenchItem> CreateAsync(string owner, string name, int quantity, CancellationToken cancellationToken)
    {
        var item = new BenchItem(Guid.CreateVersion7(), owner, name, quantity);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO items (id, owner_id, name, quantity) VALUES ($id, $owner, $name, $quantity)";
        command.Parameters.AddWithValue("$id", item.Id);
        command.Parameters.AddWithValue("$owner", item.OwnerId);
        command.Parameters.AddWithValue("$name", item.Name);
        command.Parameters.AddWithValue("$quantity", item.Quantity);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return item;
    }

    private static async Task<BenchItem?> ReadOneAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new BenchItem(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3))
            : null;
    }
}
