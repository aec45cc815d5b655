using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>What the DDL of one engine spells differently: column types and the database-assigned key. DML is shared.</summary>
internal abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect PostgreSql = new PostgreSqlDialect();

    public static readonly SqlDialect[] All = [Sqlite, PostgreSql];

    /// <summary>The name of the schema constant in <c>{T}Sql</c>, which the runtime registration picks by engine.</summary>
    public abstract string SchemaConstant { get; }

    /// <summary>The column definition of a <c>[SequentialKey]</c>: a key the database assigns.</summary>
    public abstract string IdentityKey { get; }

    public abstract string ColumnType(ColumnKind kind);

    /// <summary>A bounded string's type: its maximum length is the column's.</summary>
    public abstract string BoundedText(int length);

    /// <summary>The column's type as the schema declares it: ciphertext is unbounded text; a plain string with a maximum length is bounded.</summary>
    public string DeclaredType(ColumnSpec column) =>
        column.Encrypted ? ColumnType(ColumnKind.String) : column.MaxLength is { } length ? BoundedText(length) : ColumnType(column.Kind);

    private sealed class SqliteDialect : SqlDialect
    {
        public override string SchemaConstant => "SqliteSchema";

        public override string IdentityKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

        public override string BoundedText(int length) => "VARCHAR(" + length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")"; // TEXT affinity: SQLite keeps the declared length for the catalog

        public override string ColumnType(ColumnKind kind) => kind switch
        {
            ColumnKind.Guid => "TEXT", // Microsoft.Data.Sqlite writes a Guid as text, which sorts like PostgreSQL's uuid
            ColumnKind.Int32 or ColumnKind.Enum or ColumnKind.Int64 or ColumnKind.Boolean => "INTEGER",
            ColumnKind.Double => "REAL",
            _ => "TEXT", // strings, decimals (exact as text) and timestamps (ISO 8601, sorts by time in UTC)
        };
    }

    private sealed class PostgreSqlDialect : SqlDialect
    {
        public override string SchemaConstant => "PostgreSqlSchema";

        public override string IdentityKey => "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

        public override string BoundedText(int length) => "varchar(" + length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";

        public override string ColumnType(ColumnKind kind) => kind switch
        {
            ColumnKind.Guid => "uuid",
            ColumnKind.String => "text",
            ColumnKind.Int32 or ColumnKind.Enum => "integer",
            ColumnKind.Int64 => "bigint",
            ColumnKind.Boolean => "boolean",
            ColumnKind.Double => "double precision",
            ColumnKind.Decimal => "numeric",
            _ => "timestamptz",
        };
    }
}
