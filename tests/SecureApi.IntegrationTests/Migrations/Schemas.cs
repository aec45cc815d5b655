using SecureApi.Data.Migrations;

namespace SecureApi.IntegrationTests.Migrations;

/// <summary>Declared schemas built in the test, as the generator would emit them: versions of one <c>notes</c> table.</summary>
internal static class Schemas
{
    public static ColumnSchema Key(string name = "id") => new() { Name = name, Member = Pascal(name), Kind = "String", SqliteType = "TEXT", PostgreSqlType = "text", Key = true };

    public static ColumnSchema Column(string name, int? maxLength = null, bool nullable = false, string? renamedFrom = null, string? defaultSql = null, bool retired = false) => new()
    {
        Name = name,
        Member = Pascal(name),
        Kind = "String",
        SqliteType = maxLength is { } n ? $"VARCHAR({n})" : "TEXT",
        PostgreSqlType = maxLength is { } m ? $"varchar({m})" : "text",
        MaxLength = maxLength,
        Nullable = nullable,
        RenamedFrom = renamedFrom,
        DefaultSql = defaultSql,
        Retired = retired,
    };

    public static ColumnSchema Integer(string name, bool nullable = false, string? defaultSql = null) =>
        new() { Name = name, Member = Pascal(name), Kind = "Int64", SqliteType = "INTEGER", PostgreSqlType = "bigint", Nullable = nullable, DefaultSql = defaultSql };

    public static ResourceSchema Notes(params ColumnSchema[] columns) => Notes(columns, []);

    public static ResourceSchema Notes(ColumnSchema[] columns, IndexSchema[] indexes, params HandWrittenStep[] steps) => new()
    {
        Resource = "Note",
        Table = "notes",
        Columns = [Key(), .. columns],
        Indexes = [new() { Name = "ix_notes_scope", Columns = ["id"] }, .. indexes],
        Steps = steps,
    };

    /// <summary>Version 1: a title of at most 100 characters and an optional body.</summary>
    public static ResourceSchema V1 => Notes(Column("title", 100), Column("body", nullable: true));

    public static HandWrittenStep Step(string id, string sql, string? member = null, string? table = null) =>
        new() { Id = id, Sqlite = sql, PostgreSql = sql, Member = member, Table = table };

    private static string Pascal(string column) =>
        string.Concat(column.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
