using System.Data.Common;
using SecureApi.Infrastructure;

namespace SecureApi.Data;

/// <summary>
/// Adds the columns a framework table gained after its first release to a table created before them, so an existing
/// database keeps its rows. (Declared resources evolve through migrations; the framework's own tables only ever grow
/// nullable columns, which this does.)
/// </summary>
internal static class FrameworkColumns
{
    public static async Task AddMissingAsync(DbConnection connection, SqlDialect dialect, string table, IReadOnlyList<(string Column, string SqliteType, string PostgreSqlType)> columns, CancellationToken cancellationToken)
    {
        foreach (var (column, sqliteType, postgreSqlType) in columns)
        {
            if (dialect == SqlDialect.PostgreSql)
            {
                await using var add = Db.Command(connection, $"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {postgreSqlType}");
                await add.ExecuteNonQueryAsync(cancellationToken);
                continue;
            }

            // SQLite has no ADD COLUMN IF NOT EXISTS: ask the catalog first.
            await using var exists = Db.Command(connection, "SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column");
            Db.Parameter(exists, "@table", table, System.Data.DbType.String);
            Db.Parameter(exists, "@column", column, System.Data.DbType.String);
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                await using var add = Db.Command(connection, $"ALTER TABLE {table} ADD COLUMN {column} {sqliteType}");
                await add.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
