namespace SecureApi.Data.Migrations;

/// <summary>The DDL the planner writes, from declared identifiers only (checked by the generator): no value reaches it.</summary>
internal static class MigrationSql
{
    public static string CreateTable(ResourceSchema resource, string name, SqlDialect dialect, IReadOnlyList<string> constraints)
    {
        var definitions = resource.Columns.Select(c => $"    {c.Name} {Definition(c, dialect)}").Concat(constraints.Select(c => "    " + c));
        return $"CREATE TABLE {name} (\n{string.Join(",\n", definitions)}\n)";
    }

    public static string CreateIndex(string table, IndexSchema index) => $"CREATE INDEX IF NOT EXISTS {index.Name} ON {table} ({string.Join(", ", index.Columns)})";

    public static string AddColumn(string table, ColumnSchema column, SqlDialect dialect) => $"ALTER TABLE {table} ADD COLUMN {column.Name} {Definition(column, dialect)}";

    /// <summary>
    /// SQLite's table rebuild (its documented twelve steps, the transaction and the foreign-key switch left to the
    /// applier): a new table in the declared shape, every row copied (renamed columns from their previous name), the
    /// old table dropped and the new one renamed into its place, then its indexes: the declared ones, and any other
    /// index whose columns all survived. The table's foreign keys are declared again.
    /// </summary>
    public static IReadOnlyList<string> RebuildSqlite(ResourceSchema resource, CatalogTable current, IReadOnlyDictionary<string, string> sources)
    {
        var table = resource.Table;
        var temporary = "secureapi_rebuild_" + table;
        var columns = new HashSet<string>(resource.Columns.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
        var foreignKeys = current.ForeignKeys.Where(k => ForeignKeyColumns(k).All(columns.Contains)).ToList();
        var copied = resource.Columns.Where(c => sources.ContainsKey(c.Name)).ToList();
        var ours = "ix_" + table + "_";
        var kept = current.Indexes
            .Where(i => i.Sql is not null && !i.Name.StartsWith(ours, StringComparison.OrdinalIgnoreCase) && i.Columns.All(c => columns.Contains(c)))
            .Select(i => i.Sql!);
        return
        [
            CreateTable(resource, temporary, SqlDialect.Sqlite, foreignKeys),
            $"INSERT INTO {temporary} ({string.Join(", ", copied.Select(c => c.Name))}) SELECT {string.Join(", ", copied.Select(c => sources[c.Name]))} FROM {table}",
            $"DROP TABLE {table}",
            $"ALTER TABLE {temporary} RENAME TO {table}",
            .. resource.Indexes.Select(i => CreateIndex(table, i)),
            .. kept,
        ];
    }

    private static string Definition(ColumnSchema column, SqlDialect dialect)
    {
        if (column.Key && column.Identity)
        {
            return dialect == SqlDialect.PostgreSql ? "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
        }

        var type = column.TypeFor(dialect);
        if (column.Key)
        {
            return type + " PRIMARY KEY";
        }

        var required = column.Nullable || column.Retired ? "" : " NOT NULL";
        var fallback = column.DefaultSql is null ? "" : " DEFAULT " + column.DefaultSql;
        return type + required + fallback;
    }

    /// <summary>The local columns of a <c>FOREIGN KEY (a, b) REFERENCES …</c> constraint.</summary>
    private static string[] ForeignKeyColumns(string constraint)
    {
        var open = constraint.IndexOf('(', StringComparison.Ordinal);
        var close = constraint.IndexOf(')', StringComparison.Ordinal);
        return constraint[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries);
    }
}
