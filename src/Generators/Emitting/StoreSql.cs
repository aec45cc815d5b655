using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting;

/// <summary>
/// Builds the SQL text of a resource at compile time. Only identifiers known from the declaration reach the text;
/// every value is a parameter. DML is written once in the subset SQLite and PostgreSQL share; DDL per engine.
/// </summary>
internal static class StoreSql
{
    public static string Columns(ResourceSpec spec) => string.Join(", ", spec.Columns.Select(c => c.Column));

    public static string Schema(ResourceSpec spec, bool postgres)
    {
        var lines = spec.Columns.Select(c => $"    {c.Column} {ColumnType(spec, c, postgres)}");
        var index = new[] { spec.Tenant, spec.Owner }.Where(c => c is not null).Select(c => c!.Column).Concat([spec.Key.Column]);
        var scope = new[] { spec.Tenant, spec.Owner }.Where(c => c is not null).Select(c => c!.Column).ToList();
        var sortIndexes = spec.Columns.Where(c => c.Sortable).Select(c =>
            $"\nCREATE INDEX IF NOT EXISTS ix_{spec.Table}_{c.Column} ON {spec.Table} ({string.Join(", ", scope.Concat([c.Column, spec.Key.Column]))});");
        return $"CREATE TABLE IF NOT EXISTS {spec.Table} (\n{string.Join(",\n", lines)}\n);\n" +
               $"CREATE INDEX IF NOT EXISTS ix_{spec.Table}_scope ON {spec.Table} ({string.Join(", ", index)});" +
               string.Concat(sortIndexes);
    }

    private static string ColumnType(ResourceSpec spec, ColumnSpec column, bool postgres)
    {
        if (column.Role == ColumnRole.Key && spec.SequentialKey)
        {
            return postgres ? "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
        }

        var type = (column.Encrypted ? ColumnKind.String : column.Kind, postgres) switch
        {
            (ColumnKind.Guid, false) => "TEXT", // Microsoft.Data.Sqlite writes a Guid as text, which sorts like PostgreSQL's uuid
            (ColumnKind.Guid, true) => "uuid",
            (ColumnKind.String, false) => "TEXT",
            (ColumnKind.String, true) => "text",
            (ColumnKind.Int32 or ColumnKind.Enum, false) or (ColumnKind.Int64 or ColumnKind.Boolean, false) => "INTEGER",
            (ColumnKind.Int32 or ColumnKind.Enum, true) => "integer",
            (ColumnKind.Int64, true) => "bigint",
            (ColumnKind.Boolean, true) => "boolean",
            (ColumnKind.Double, false) => "REAL",
            (ColumnKind.Double, true) => "double precision",
            (ColumnKind.Decimal, false) => "TEXT",
            (ColumnKind.Decimal, true) => "numeric",
            (ColumnKind.DateTimeOffset, false) => "TEXT",
            _ => "timestamptz",
        };
        var nullability = column.IsNullable ? "" : " NOT NULL";
        return column.Role == ColumnRole.Key ? type + " PRIMARY KEY" : type + nullability;
    }

    /// <summary>The caller's scope: <c> AND owner_id = @owner AND tenant_id = @tenant</c> (empty when the resource has neither).</summary>
    public static string Scope(ResourceSpec spec) =>
        string.Concat(new[] { spec.Owner, spec.Tenant }.Where(c => c is not null).Select(c => $" AND {c!.Column} = @{(c.Role == ColumnRole.Owner ? "owner" : "tenant")}"));

    public static string SelectByKey(ResourceSpec spec, bool scoped) =>
        $"SELECT {Columns(spec)} FROM {spec.Table} WHERE {spec.Key.Column} = @key{(scoped ? Scope(spec) : "")}";

    public static string Exists(ResourceSpec spec) =>
        $"SELECT 1 FROM {spec.Table} WHERE {spec.Key.Column} = @key{Scope(spec)}";

    public static IEnumerable<ColumnSpec> InsertedColumns(ResourceSpec spec) =>
        spec.Columns.Where(c => !(c.Role == ColumnRole.Key && spec.SequentialKey));

    public static string Insert(ResourceSpec spec)
    {
        var columns = InsertedColumns(spec).ToList();
        return $"INSERT INTO {spec.Table} ({string.Join(", ", columns.Select(c => c.Column))}) VALUES ({string.Join(", ", columns.Select(c => "@p_" + c.Column))}) RETURNING {Columns(spec)}";
    }

    public static string Update(ResourceSpec spec)
    {
        var assignments = spec.Columns.Where(c => c.IsClientData).Select(c => $"{c.Column} = @p_{c.Column}")
            .Concat(spec.Columns.Where(c => c.Role == ColumnRole.UpdatedAt).Select(c => $"{c.Column} = @now"))
            .Concat(spec.Version is { } version ? [$"{version.Column} = {version.Column} + 1"] : []);
        var versionCheck = spec.Version is { } v ? $" AND {v.Column} = @expected" : "";
        return $"UPDATE {spec.Table} SET {string.Join(", ", assignments)} WHERE {spec.Key.Column} = @key{Scope(spec)}{versionCheck} RETURNING {Columns(spec)}";
    }

    public static string Delete(ResourceSpec spec, bool scoped)
    {
        var versionCheck = scoped && spec.Version is { } v ? $" AND (@expected IS NULL OR {v.Column} = @expected)" : "";
        return $"DELETE FROM {spec.Table} WHERE {spec.Key.Column} = @key{(scoped ? Scope(spec) : "")}{versionCheck}";
    }

    /// <summary>One keyset-paged list statement for a sort member (null: key order) and direction.</summary>
    public static string List(ResourceSpec spec, bool scoped, ColumnSpec? sort, bool descending)
    {
        var key = spec.Key.Column;
        var comparison = descending ? "<" : ">";
        var direction = descending ? "DESC" : "ASC";
        var filters = string.Concat(spec.Columns.Where(c => c.Filterable).Select(c => $" AND (@f_{c.Column} IS NULL OR {c.Column} = @f_{c.Column})"));
        var cursor = sort is null
            ? $" AND (@after_key IS NULL OR {key} {comparison} @after_key)"
            : $" AND (@after_key IS NULL OR {sort.Column} {comparison} @after_sort OR ({sort.Column} = @after_sort AND {key} {comparison} @after_key))";
        var order = sort is null ? $"{key} {direction}" : $"{sort.Column} {direction}, {key} {direction}";
        var where = scoped && Scope(spec) is { Length: > 0 } scope ? "WHERE" + scope.Substring(4) : "WHERE 1 = 1";
        return $"SELECT {Columns(spec)} FROM {spec.Table} {where}{filters}{cursor} ORDER BY {order} LIMIT @limit";
    }

    /// <summary>The constant's name for a list statement: <c>ListByKeyAsc</c>, <c>AdminListByTitleDesc</c>.</summary>
    public static string ListName(bool scoped, ColumnSpec? sort, bool descending) =>
        (scoped ? "List" : "AdminList") + "By" + (sort?.PropertyName ?? "Key") + (descending ? "Desc" : "Asc");

    public static string DbType(ColumnSpec column) => "global::System.Data.DbType." + (column.Encrypted ? "String" : column.Kind switch
    {
        ColumnKind.Enum => "Int32",
        var kind => kind.ToString(),
    });
}
