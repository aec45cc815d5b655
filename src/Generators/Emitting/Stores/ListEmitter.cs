using System.Linq;
using SecureApi.Generators.Models;
using static SecureApi.Generators.Emitting.Stores.StoreNames;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>Emits <c>ListAsync</c> of either store: keyset paging by key or an allowed sort member, equality filters, signed cursors.</summary>
internal static class ListEmitter
{
    public static void EmitAllowLists(SourceWriter writer, ResourceSpec spec)
    {
        writer.Line($"private static readonly string[] s_sortable = [{string.Join(", ", spec.Columns.Where(c => c.Sortable).Select(c => Names.Literal(c.JsonName)))}];");
        writer.Line($"private static readonly string[] s_filterable = [{string.Join(", ", spec.Columns.Where(c => c.Filterable).Select(c => Names.Literal(c.JsonName)))}];");
        writer.Line();
    }

    public static void Emit(SourceWriter writer, ResourceSpec spec, ResourceStatements sql, bool scoped)
    {
        var type = spec.FullyQualifiedName;
        var lists = sql.Lists.Where(l => l.Scoped == scoped).ToList();
        var byKey = lists.First(l => l.Sort is null).Statement; // its parameters are the ones every sort shares
        writer.Line("/// <summary>One page, in key order or by an allowed sort member, with allowed equality filters; the cursor is signed for this caller and query.</summary>");
        using (writer.Block($"public async {Task}<{Data}.Page<{type}>> ListAsync({(scoped ? Caller + " caller, " : "")}{Data}.PageRequest request, {Token} cancellationToken = default)"))
        {
            writer.Line($"var limit = global::SecureApi.Infrastructure.Lists.Limit(request);");
            writer.Line($"var (sort, descending) = global::SecureApi.Infrastructure.Lists.Sort(request, s_sortable);");
            writer.Line($"global::SecureApi.Infrastructure.Lists.CheckFilters(request, s_filterable);");
            var owner = scoped && spec.Owner is not null ? "caller.Subject" : "null";
            var tenant = scoped && spec.Tenant is not null ? "caller.Tenant" : "null";
            writer.Line($"var scope = global::SecureApi.Infrastructure.Lists.Scope({Names.Literal(scoped ? spec.Table : spec.Table + "#admin")}, {owner}, {tenant}, request, sort, descending);");
            writer.Line($"var after = global::SecureApi.Infrastructure.Lists.OpenCursor(cursors, request, scope);");
            using (writer.Block("var sql = (sort, descending) switch", ";"))
            {
                foreach (var list in lists)
                {
                    var pattern = list.Sort is null ? "null" : Names.Literal(list.Sort.JsonName);
                    writer.Line($"({pattern}, {(list.Descending ? "true" : "false")}) => {Sql(spec)}.{list.Statement.Name},");
                }

                writer.Line($"_ => throw new {Data}.InvalidListRequestException(\"sort\", \"Unknown sort.\"),");
            }

            writer.Line();
            writer.Line("var fetch = limit + 1; // one row more than the page tells whether a next page exists");
            writer.Line("await using var connection = await database.OpenAsync(cancellationToken);");
            writer.Line($"await using var command = global::SecureApi.Infrastructure.Db.Command(connection, sql);");
            StatementBinder.Bind(writer, byKey, parameter => Value(spec, parameter));
            var sorted = lists.Where(l => l.Sort is not null && !l.Descending).ToList();
            if (sorted.Count > 0)
            {
                writer.Line("var afterSort = after?.Sort;");
                using (writer.Block("switch (sort)"))
                {
                    foreach (var list in sorted)
                    {
                        writer.Line($"case {Names.Literal(list.Sort!.JsonName)}:");
                        writer.Indent();
                        StatementBinder.Bind(writer, list.Statement, parameter => Value(spec, parameter), except: byKey.Parameters);
                        writer.Line("break;");
                        writer.Outdent();
                    }
                }
            }

            writer.Line();
            writer.Line($"var items = new global::System.Collections.Generic.List<{type}>(fetch);");
            using (writer.Block("await using (var reader = await command.ExecuteReaderAsync(cancellationToken))"))
            {
                using (writer.Block("while (await reader.ReadAsync(cancellationToken))"))
                {
                    writer.Line($"items.Add({Rows(spec)}.Read(reader, {(scoped ? "encryption" : "encryption: null")}));");
                }
            }

            writer.Line();
            if (spec.HasQuarantinedMembers)
            {
                LoadQuarantine(writer, spec, "items");
                writer.Line();
            }

            using (writer.Block("if (items.Count <= limit)"))
            {
                writer.Line($"return new {Data}.Page<{type}>(items, null);");
            }

            writer.Line();
            writer.Line("items.RemoveAt(items.Count - 1);");
            writer.Line("var last = items[^1];");
            using (writer.Block("var sortText = sort switch", ";"))
            {
                foreach (var list in sorted)
                {
                    writer.Line($"{Names.Literal(list.Sort!.JsonName)} => {FormatText(list.Sort, "last." + list.Sort.PropertyName)},");
                }

                writer.Line("_ => \"\",");
            }

            writer.Line($"return new {Data}.Page<{type}>(items, global::SecureApi.Infrastructure.Lists.CloseCursor(cursors, scope, {FormatText(spec.Key, "last." + spec.Key.PropertyName)}, sortText));");
        }
    }

    private static string Value(ResourceSpec spec, SqlParameter parameter)
    {
        var column = parameter.Column!;
        return parameter.Source switch
        {
            ParameterSource.Filter when column.Kind == ColumnKind.Enum => $"global::SecureApi.Infrastructure.Lists.FilterEnum<{column.UnderlyingTypeName}>(request, {Names.Literal(column.JsonName)})",
            ParameterSource.Filter => $"global::SecureApi.Infrastructure.Lists.Filter<{column.UnderlyingTypeName}>(request, {Names.Literal(column.JsonName)})",
            ParameterSource.AfterKey => $"after is {{ }} afterKey ? {ParseText(spec.Key, "afterKey.Key")} : null",
            ParameterSource.AfterSort when column.Kind == ColumnKind.String => "afterSort",
            ParameterSource.AfterSort => $"afterSort is null ? null : {ParseText(column, "afterSort")}",
            ParameterSource.Limit => "fetch",
            _ => throw new System.InvalidOperationException("Unexpected parameter " + parameter.Name),
        };
    }

    /// <summary>Cursor text → typed value, for a key or sort column.</summary>
    private static string ParseText(ColumnSpec column, string text) => column.Kind switch
    {
        ColumnKind.String => text,
        ColumnKind.Enum => $"global::SecureApi.Infrastructure.Lists.Parse<int>({text})",
        ColumnKind.DateTimeOffset => $"global::SecureApi.Infrastructure.Lists.Parse<global::System.DateTimeOffset>({text})",
        _ => $"global::SecureApi.Infrastructure.Lists.Parse<{column.UnderlyingTypeName}>({text})",
    };

    /// <summary>Typed value → cursor text.</summary>
    private static string FormatText(ColumnSpec column, string value) => column.Kind switch
    {
        ColumnKind.String => value,
        ColumnKind.Enum => $"global::SecureApi.Infrastructure.Lists.Text((int){value})",
        ColumnKind.Boolean => $"({value} ? \"True\" : \"False\")",
        _ => $"global::SecureApi.Infrastructure.Lists.Text({value})",
    };
}
