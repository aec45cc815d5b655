using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Resolving;

/// <summary>The schema the code declares: every valid resource's columns, with their migration declarations.</summary>
internal static class DeclaredSchema
{
    public static SchemaSpec Build(IEnumerable<ResourceSpec> resources)
    {
        var tables = resources
            .GroupBy(r => r.Table) // a duplicate table is its own error; the snapshot keeps the first
            .Select(g => g.First())
            .OrderBy(r => r.Table, System.StringComparer.Ordinal)
            .Select(resource =>
            {
                // Retired members left the stores but keep their columns: the snapshot records them as retired.
                var columns = resource.Columns.Concat(resource.RetiredColumns)
                    .Select(Column)
                    .OrderBy(c => c.Name, System.StringComparer.Ordinal);
                return new TableSchemaSpec(resource.Table, resource.TypeName, columns.ToEquatableArray());
            });
        return new SchemaSpec(tables.ToEquatableArray());
    }

    private static ColumnSchemaSpec Column(ColumnSpec column) =>
        new(
            column.Column,
            column.PropertyName,
            KindName(column.Kind),
            column.IsNullable,
            column.Role == ColumnRole.Key,
            column.Encrypted,
            column.MaxLength,
            column.Sortable,
            column.Filterable,
            column.Retired,
            column.RenamedFrom);

    /// <summary><c>DateTimeOffset</c> → <c>dateTimeOffset</c>: the snapshot's JSON spelling.</summary>
    private static string KindName(ColumnKind kind)
    {
        var name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name.Substring(1);
    }
}
