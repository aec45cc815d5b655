using System.Data.Common;
using SecureApi.Infrastructure;

namespace SecureApi.Data.Migrations;

/// <summary>Reads SQLite's catalog: <c>sqlite_master</c>, <c>pragma_table_info</c>, the index lists and foreign keys.</summary>
internal static class SqliteCatalog
{
    public static async Task<Catalog> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using (var command = Db.Command(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                names.Add(reader.GetString(0));
            }
        }

        var tables = new Dictionary<string, CatalogTable>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            tables[name] = new CatalogTable(
                name,
                await ColumnsAsync(connection, transaction, name, cancellationToken),
                await IndexesAsync(connection, transaction, name, cancellationToken),
                await ForeignKeysAsync(connection, transaction, name, cancellationToken));
        }

        return new Catalog(tables);
    }

    private static async Task<IReadOnlyList<CatalogColumn>> ColumnsAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        var columns = new List<CatalogColumn>();
        await using var command = Db.Command(connection, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(@table) ORDER BY cid", transaction);
        Db.Parameter(command, "@table", table, System.Data.DbType.String);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetInt64(3) > 0;
            // SQLite lets a (non-integer) primary key hold NULL unless declared NOT NULL; a key is never optional here.
            columns.Add(new CatalogColumn(reader.GetString(0), reader.GetString(1), !key && reader.GetInt64(2) == 0, key));
        }

        return columns;
    }

    private static async Task<IReadOnlyList<CatalogIndex>> IndexesAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        var indexes = new List<(string Name, string? Sql)>();
        await using (var command = Db.Command(
            connection,
            "SELECT l.name, m.sql FROM pragma_index_list(@table) AS l LEFT JOIN sqlite_master AS m ON m.type = 'index' AND m.name = l.name WHERE l.origin = 'c' ORDER BY l.name",
            transaction))
        {
            Db.Parameter(command, "@table", table, System.Data.DbType.String);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }

        var result = new List<CatalogIndex>();
        foreach (var (name, sql) in indexes)
        {
            var columns = new List<string>();
            await using var command = Db.Command(connection, "SELECT name FROM pragma_index_info(@index) ORDER BY seqno", transaction);
            Db.Parameter(command, "@index", name, System.Data.DbType.String);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add(reader.IsDBNull(0) ? "" : reader.GetString(0)); // an expression index has no column name
            }

            result.Add(new CatalogIndex(name, columns, sql));
        }

        return result;
    }

    /// <summary>Each foreign key of the table as a table constraint, so a rebuild declares it again.</summary>
    private static async Task<IReadOnlyList<string>> ForeignKeysAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        var keys = new SortedDictionary<long, (List<string> From, string Table, List<string> To, string OnUpdate, string OnDelete)>();
        await using var command = Db.Command(connection, "SELECT id, \"from\", \"table\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(@table) ORDER BY id, seq", transaction);
        Db.Parameter(command, "@table", table, System.Data.DbType.String);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            if (!keys.TryGetValue(id, out var key))
            {
                key = ([], reader.GetString(2), [], reader.GetString(4), reader.GetString(5));
                keys[id] = key;
            }

            key.From.Add(reader.GetString(1));
            if (!reader.IsDBNull(3))
            {
                key.To.Add(reader.GetString(3));
            }
        }

        return keys.Values.Select(k =>
            $"FOREIGN KEY ({string.Join(", ", k.From)}) REFERENCES {k.Table}{(k.To.Count == 0 ? "" : " (" + string.Join(", ", k.To) + ")")} ON UPDATE {k.OnUpdate} ON DELETE {k.OnDelete}").ToList();
    }
}
