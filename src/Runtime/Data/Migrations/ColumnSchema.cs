using System.ComponentModel;

namespace SecureApi.Data.Migrations;

/// <summary>One declared column: its SQL type per engine and what the migration needs to know to evolve it safely.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ColumnSchema
{
    public required string Name { get; init; }

    /// <summary>The member it stores, for messages.</summary>
    public required string Member { get; init; }

    /// <summary>The storage kind (<c>String</c>, <c>Int64</c>, <c>Guid</c>, …).</summary>
    public required string Kind { get; init; }

    /// <summary>The SQLite type as <c>pragma_table_info</c> reports it (<c>TEXT</c>, <c>INTEGER</c>, <c>VARCHAR(100)</c>).</summary>
    public required string SqliteType { get; init; }

    /// <summary>The PostgreSQL type as <c>format_type</c> reports it (<c>text</c>, <c>character varying(100)</c>, <c>uuid</c>).</summary>
    public required string PostgreSqlType { get; init; }

    public bool Nullable { get; init; }

    /// <summary>The primary key.</summary>
    public bool Key { get; init; }

    /// <summary>A key the database assigns (<c>[SequentialKey]</c>).</summary>
    public bool Identity { get; init; }

    public bool Encrypted { get; init; }

    /// <summary>From <c>[MaxLength]</c>/<c>[StringLength]</c> on a plain string member.</summary>
    public int? MaxLength { get; init; }

    /// <summary>A SQL literal from <c>[DefaultValue]</c>: what existing rows get when the member is added.</summary>
    public string? DefaultSql { get; init; }

    /// <summary>The column's previous name, from <c>[RenamedFrom]</c>.</summary>
    public string? RenamedFrom { get; init; }

    /// <summary><c>[Retired]</c>: kept (and made optional), no longer read or written.</summary>
    public bool Retired { get; init; }

    internal string TypeFor(SqlDialect dialect) => dialect == SqlDialect.PostgreSql ? PostgreSqlType : SqliteType;
}
