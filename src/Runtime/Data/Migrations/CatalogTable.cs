namespace SecureApi.Data.Migrations;

/// <summary>A table as the database catalog describes it.</summary>
internal sealed record CatalogTable(string Name, IReadOnlyList<CatalogColumn> Columns, IReadOnlyList<CatalogIndex> Indexes, IReadOnlyList<string> ForeignKeys)
{
    public CatalogColumn? Column(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A column: its type as the catalog spells it (<see cref="SqlType"/> splits off the length), nullability and key.</summary>
internal sealed record CatalogColumn(string Name, string Type, bool Nullable, bool Key);

/// <summary>An index: its name, columns and (SQLite) the statement that created it, kept to recreate it after a table rebuild.</summary>
internal sealed record CatalogIndex(string Name, IReadOnlyList<string> Columns, string? Sql);

/// <summary>The tables of the database's current schema, by name (case-insensitive, as both engines fold unquoted names).</summary>
internal sealed class Catalog(IReadOnlyDictionary<string, CatalogTable> tables)
{
    public IReadOnlyDictionary<string, CatalogTable> Tables { get; } = tables;

    public CatalogTable? Table(string name) => Tables.TryGetValue(name, out var table) ? table : null;
}
