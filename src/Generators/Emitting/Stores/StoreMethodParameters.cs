using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>
/// The C# parameters of a store's <c>CreateAsync</c> and <c>UpdateAsync</c>: one per client-data member, named after it.
/// The CRUD emitter passes its arguments by these names.
/// </summary>
internal static class StoreMethodParameters
{
    /// <summary>Names the generated methods already use, as parameters, locals or the store's constructor parameters.</summary>
    private static readonly HashSet<string> s_taken =
    [
        "caller", "key", "expectedVersion", "idempotency", "cancellationToken",
        "database", "encryption", "cursors", "connection", "transaction", "command", "reader", "updated", "expected", "now",
        "write", "original", "created",
    ];

    /// <summary><c>Title</c> → <c>title</c>, <c>Class</c> → <c>@class</c>, <c>Key</c> → <c>keyValue</c>.</summary>
    public static string Name(ColumnSpec column)
    {
        var name = char.ToLowerInvariant(column.PropertyName[0]) + column.PropertyName.Substring(1);
        if (s_taken.Contains(name))
        {
            return name + "Value";
        }

        return SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;
    }

    /// <summary>The member's type as a parameter: nullable reference types keep their <c>?</c>, which the column's type name drops.</summary>
    public static string Type(ColumnSpec column) =>
        column.IsNullable && !column.TypeName.EndsWith("?", System.StringComparison.Ordinal) ? column.TypeName + "?" : column.TypeName;

    /// <summary>The members <c>CreateAsync</c> takes: the required (non-nullable) ones first, each group in declaration order.</summary>
    public static IEnumerable<ColumnSpec> CreateOrder(ResourceSpec spec) =>
        spec.Columns.Where(c => c.IsClientData && !c.IsNullable).Concat(spec.Columns.Where(c => c.IsClientData && c.IsNullable));
}
