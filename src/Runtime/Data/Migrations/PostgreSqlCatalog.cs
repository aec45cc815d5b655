using System.Data.Common;
using SecureApi.Infrastructure;

namespace SecureApi.Data.Migrations;

/// <summary>Reads PostgreSQL's catalog (<c>pg_catalog</c>) for the connection's current schema.</summary>
internal static class PostgreSqlCatalog
{
    private const string ColumnsSql = """
        SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey))
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
        ORDER BY c.relname, a.attnum
        """;

    private const string IndexesSql = """
        SELECT t.relname, ix.relname, ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                                            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[]
        FROM pg_index i
        JOIN pg_class t ON t.oid = i.indrelid
        JOIN pg_class ix ON ix.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = current_schema() AND NOT i.indisprimary
        ORDER BY t.relname, ix.relname
        """;

    public static async Task<Catalog> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var columns = new Dictionary<string, List<CatalogColumn>>(StringComparer.OrdinalIgnoreCase);
        await using (var command = Db.Command(connection, ColumnsSql, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var table = reader.GetString(0);
                if (!columns.TryGetValue(table, out var list))
                {
                    columns[table] = list = [];
                }

                list.Add(new CatalogColumn(reader.GetString(1), reader.GetString(2), !reader.GetBoolean(3), reader.GetBoolean(4)));
            }
        }

        var indexes = new Dictionary<string, List<CatalogIndex>>(StringComparer.OrdinalIgnoreCase);
        await using (var command = Db.Command(connection, IndexesSql, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var table = reader.GetString(0);
                if (!indexes.TryGetValue(table, out var list))
                {
                    indexes[table] = list = [];
                }

                list.Add(new CatalogIndex(reader.GetString(1), reader.GetFieldValue<string[]>(2), null));
            }
        }

        // PostgreSQL keeps indexes and foreign keys through ALTER TABLE, so they are read only to compare index names.
        return new Catalog(columns.ToDictionary(
            t => t.Key,
            t => new CatalogTable(t.Key, t.Value, indexes.TryGetValue(t.Key, out var list) ? list : [], []),
            StringComparer.OrdinalIgnoreCase));
    }
}
