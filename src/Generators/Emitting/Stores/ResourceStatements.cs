using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>
/// Every statement of a resource, built once from its declaration. Only declared identifiers reach the text; every value
/// is a parameter. DML is written once in the SQL that SQLite and PostgreSQL share; DDL per <see cref="SqlDialect"/>.
/// </summary>
internal sealed class ResourceStatements
{
    private static readonly bool[] s_scopes = [true, false]; // the caller's store, then the admin store
    private static readonly bool[] s_directions = [false, true]; // ascending, then descending

    private readonly ResourceSpec _spec;

    public ResourceStatements(ResourceSpec spec)
    {
        _spec = spec;
        Schemas = SqlDialect.All.Select(Schema).ToArray();
        SelectByKey = ByKey("SelectByKey", scoped: true, b => b.Line($"SELECT {Columns}").Line($"FROM {spec.Table}"));
        AdminSelectByKey = ByKey("AdminSelectByKey", scoped: false, b => b.Line($"SELECT {Columns}").Line($"FROM {spec.Table}"));
        Exists = ByKey("Exists", scoped: true, b => b.Line("SELECT 1").Line($"FROM {spec.Table}"));
        Insert = BuildInsert();
        Update = spec.Columns.Any(c => c.IsClientData) ? BuildUpdate() : null;
        Delete = BuildDelete(scoped: true);
        AdminDelete = BuildDelete(scoped: false);
        Lists = s_scopes.SelectMany(scoped => SortOptions.SelectMany(sort => s_directions.Select(descending => BuildList(scoped, sort, descending)))).ToArray();
    }

    public IReadOnlyList<SqlStatement> Schemas { get; }

    public SqlStatement SelectByKey { get; }

    public SqlStatement AdminSelectByKey { get; }

    /// <summary>Whether the caller's row exists at all: tells a stale version from a row that is not theirs.</summary>
    public SqlStatement Exists { get; }

    public SqlStatement Insert { get; }

    /// <summary>Null when the resource has no client data to change.</summary>
    public SqlStatement? Update { get; }

    public SqlStatement Delete { get; }

    public SqlStatement AdminDelete { get; }

    public IReadOnlyList<ListStatement> Lists { get; }

    /// <summary>Key order (null) and then every sortable member.</summary>
    public IEnumerable<ColumnSpec?> SortOptions => new ColumnSpec?[] { null }.Concat(_spec.Columns.Where(c => c.Sortable));

    public IEnumerable<SqlStatement> All =>
        Schemas.Concat([SelectByKey, AdminSelectByKey, Exists, Insert]).Concat(Update is null ? [] : [Update])
            .Concat([Delete, AdminDelete]).Concat(Lists.Select(l => l.Statement));

    /// <summary>The columns the database assigns are not inserted: a sequential key.</summary>
    public IEnumerable<ColumnSpec> InsertedColumns => _spec.Columns.Where(c => !(c.Role == ColumnRole.Key && _spec.SequentialKey));

    private string Columns => string.Join(", ", _spec.Columns.Select(c => c.Column));

    /// <summary>The caller's scope: <c>owner_id = @owner</c> and <c>tenant_id = @tenant</c>, each when declared.</summary>
    private List<string> Scope(SqlBuilder b) =>
        new[] { (_spec.Owner, SqlParameter.Owner), (_spec.Tenant, SqlParameter.Tenant) }
            .Where(s => s.Item1 is not null)
            .Select(s => $"{s.Item1!.Column} = {b.Use(s.Item2)}")
            .ToList();

    /// <summary>The table's indexes: the caller's scope (then the key), and one per sortable member (scope, member, key).</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string> Columns)> Indexes
    {
        get
        {
            var spec = _spec;
            var scope = new[] { spec.Tenant, spec.Owner }.Where(c => c is not null).Select(c => c!.Column).ToList();
            var indexes = new List<(string, IReadOnlyList<string>)> { ($"ix_{spec.Table}_scope", scope.Concat([spec.Key.Column]).ToList()) };
            indexes.AddRange(spec.Columns.Where(c => c.Sortable).Select(c => ($"ix_{spec.Table}_{c.Column}", (IReadOnlyList<string>)scope.Concat([c.Column, spec.Key.Column]).ToList())));
            return indexes;
        }
    }

    /// <summary>Every column the table has: the resource's, then its <c>[Retired]</c> members' (kept, optional).</summary>
    public IEnumerable<ColumnSpec> TableColumns => _spec.Columns.Concat(_spec.RetiredColumns);

    private SqlStatement Schema(SqlDialect dialect)
    {
        var spec = _spec;
        var b = new SqlBuilder(dialect.SchemaConstant);
        var definitions = TableColumns.Select(c => $"{c.Column} {ColumnType(dialect, c)}").ToList();
        b.Line($"CREATE TABLE IF NOT EXISTS {spec.Table} (");
        b.List("    ", definitions);
        b.Line(");");
        foreach (var (name, columns) in Indexes)
        {
            b.Line($"CREATE INDEX IF NOT EXISTS {name} ON {spec.Table} ({string.Join(", ", columns)});");
        }

        return b.Build();
    }

    private string ColumnType(SqlDialect dialect, ColumnSpec column)
    {
        if (column.Role == ColumnRole.Key && _spec.SequentialKey)
        {
            return dialect.IdentityKey;
        }

        var type = dialect.DeclaredType(column);
        var fallback = column.DefaultSql is null ? "" : " DEFAULT " + column.DefaultSql;
        return column.Role == ColumnRole.Key ? type + " PRIMARY KEY" : column.IsNullable || column.Retired ? type + fallback : type + " NOT NULL" + fallback;
    }

    private SqlStatement ByKey(string name, bool scoped, System.Action<SqlBuilder> selectFrom)
    {
        var b = new SqlBuilder(name);
        selectFrom(b);
        b.Where(new[] { $"{_spec.Key.Column} = {b.Use(SqlParameter.Key(_spec))}" }.Concat(scoped ? Scope(b) : []));
        return b.Build();
    }

    private SqlStatement BuildInsert()
    {
        var b = new SqlBuilder("Insert");
        var columns = InsertedColumns.ToList();
        b.Line($"INSERT INTO {_spec.Table} ({string.Join(", ", columns.Select(c => c.Column))})");
        b.Line($"VALUES ({string.Join(", ", columns.Select(c => b.Use(SqlParameter.Value(c))))})");
        b.Line($"RETURNING {Columns}");
        return b.Build();
    }

    /// <summary>One statement sets each client member whose flag is set and keeps the others: no read before the write.</summary>
    private SqlStatement BuildUpdate()
    {
        var spec = _spec;
        var b = new SqlBuilder("Update");
        b.Line($"UPDATE {spec.Table}");
        var assignments = spec.Columns.Where(c => c.IsClientData)
            .Select(c => $"{c.Column} = CASE WHEN {b.Use(SqlParameter.IsSet(c))} THEN {b.Use(SqlParameter.Value(c))} ELSE {c.Column} END")
            .Concat(spec.Columns.Where(c => c.Role == ColumnRole.UpdatedAt).Select(c => $"{c.Column} = {b.Use(SqlParameter.Now)}"))
            .Concat(spec.Version is { } version ? [$"{version.Column} = {version.Column} + 1"] : [])
            .ToList();
        b.List("SET ", assignments);
        var conditions = new List<string> { $"{spec.Key.Column} = {b.Use(SqlParameter.Key(spec))}" };
        conditions.AddRange(Scope(b));
        if (spec.Version is { } v)
        {
            conditions.Add($"{v.Column} = {b.Use(SqlParameter.ExpectedVersion)}");
        }

        b.Where(conditions);
        b.Line($"RETURNING {Columns}");
        return b.Build();
    }

    private SqlStatement BuildDelete(bool scoped)
    {
        var spec = _spec;
        var b = new SqlBuilder(scoped ? "Delete" : "AdminDelete");
        b.Line($"DELETE FROM {spec.Table}");
        var conditions = new List<string> { $"{spec.Key.Column} = {b.Use(SqlParameter.Key(spec))}" };
        if (scoped)
        {
            conditions.AddRange(Scope(b));
            if (spec.Version is { } v)
            {
                var expected = b.Use(SqlParameter.ExpectedVersion);
                conditions.Add($"({expected} IS NULL OR {v.Column} = {expected})");
            }
        }

        b.Where(conditions);
        return b.Build();
    }

    /// <summary>One keyset-paged list statement for a sort member (null: key order) and direction.</summary>
    private ListStatement BuildList(bool scoped, ColumnSpec? sort, bool descending)
    {
        var spec = _spec;
        var key = spec.Key.Column;
        var comparison = descending ? "<" : ">";
        var direction = descending ? "DESC" : "ASC";
        var b = new SqlBuilder((scoped ? "List" : "AdminList") + "By" + (sort?.PropertyName ?? "Key") + (descending ? "Desc" : "Asc"));
        b.Line($"SELECT {Columns}");
        b.Line($"FROM {spec.Table}");
        var conditions = scoped ? Scope(b) : [];
        foreach (var filter in spec.Columns.Where(c => c.Filterable))
        {
            var parameter = b.Use(SqlParameter.Filter(filter));
            conditions.Add($"({parameter} IS NULL OR {filter.Column} = {parameter})");
        }

        var afterKey = b.Use(SqlParameter.AfterKey(spec));
        if (sort is null)
        {
            conditions.Add($"({afterKey} IS NULL OR {key} {comparison} {afterKey})");
        }
        else
        {
            var afterSort = b.Use(SqlParameter.AfterSort(sort));
            conditions.Add($"({afterKey} IS NULL OR {sort.Column} {comparison} {afterSort} OR ({sort.Column} = {afterSort} AND {key} {comparison} {afterKey}))");
        }

        b.Where(conditions);
        b.Line(sort is null ? $"ORDER BY {key} {direction}" : $"ORDER BY {sort.Column} {direction}, {key} {direction}");
        b.Line($"LIMIT {b.Use(SqlParameter.Limit)}");
        return new ListStatement(scoped, sort, descending, b.Build());
    }
}

/// <summary>A list statement and the query it answers.</summary>
internal sealed record ListStatement(bool Scoped, ColumnSpec? Sort, bool Descending, SqlStatement Statement);
