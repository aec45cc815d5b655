using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>What parsing a <c>[Resource]</c> type yields: its spec (null when invalid) and diagnostics.</summary>
internal sealed record ResourceResult(ResourceSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Turns a <c>[Resource]</c> type into a <see cref="ResourceSpec"/>, refusing shapes that would weaken it.</summary>
internal static class ResourceParser
{
    public const string ResourceAttribute = "SecureApi.ResourceAttribute";

    public static ResourceResult ParseResult(INamedTypeSymbol type)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var spec = Parse(type, diagnostics);
        return new ResourceResult(spec, diagnostics.ToEquatableArray());
    }

    public static ResourceSpec? Parse(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        var attribute = type.FindAttribute(ResourceAttribute);
        var table = attribute?.ConstructorArguments.FirstOrDefault().Value as string ?? "";
        var location = type.Locations.FirstOrDefault();
        var valid = true;
        void Invalid(string reason, Location? at = null)
        {
            valid = false; // an invalid resource gets no store at all: never a store with a rule silently dropped
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidResource, at ?? location, type.Name, reason));
        }

        if (!IsIdentifier(table) || SqlReservedWords.Contains(table.ToLowerInvariant()))
        {
            Invalid($"table name '{table}' must be letters, digits and underscores, starting with a letter, and not an SQL reserved word");
            return null;
        }

        if (!type.IsRecord)
        {
            Invalid("declare it as a record, so generated updates can copy it with 'with'");
            return null;
        }

        var columns = new List<ColumnSpec>();
        var sequential = false;
        foreach (var property in type.SerializableProperties())
        {
            var role = RoleOf(property);
            var kind = KindOf(property.Type, out var nullable);
            var memberLocation = property.Locations.FirstOrDefault();
            if (kind is null)
            {
                Invalid($"member '{property.Name}' has type '{property.Type.ToDisplayString()}', which cannot be stored; use Guid, string, int, long, bool, double, decimal, DateTimeOffset or an enum", memberLocation);
                continue;
            }

            var encrypted = property.HasAttribute("SecureApi.EncryptedAttribute");
            var sortable = property.HasAttribute("SecureApi.SortableAttribute");
            var filterable = property.HasAttribute("SecureApi.FilterableAttribute");
            var sensitive = property.HasAttribute("SecureApi.SensitiveAttribute");
            sequential |= property.HasAttribute("SecureApi.SequentialKeyAttribute");
            var problem = (role, kind, encrypted, sortable || filterable) switch
            {
                (ColumnRole.Key, not (ColumnKind.Guid or ColumnKind.Int64), _, _) => "the [Key] must be a Guid (default) or a long with [SequentialKey]",
                (ColumnRole.Key, ColumnKind.Int64, _, _) when !property.HasAttribute("SecureApi.SequentialKeyAttribute") => "a long [Key] is sequential and guessable: opt in with [SequentialKey], or use a Guid",
                (ColumnRole.Key, ColumnKind.Guid, _, _) when property.HasAttribute("SecureApi.SequentialKeyAttribute") => "[SequentialKey] needs a long key",
                (ColumnRole.Owner or ColumnRole.Tenant, not ColumnKind.String, _, _) => $"the {role.ToString().ToLowerInvariant()} member '{property.Name}' must be a string (the caller's claim)",
                (ColumnRole.Version, not ColumnKind.Int64, _, _) => $"the [ConcurrencyCheck] member '{property.Name}' must be a long",
                (ColumnRole.CreatedAt or ColumnRole.UpdatedAt, not ColumnKind.DateTimeOffset, _, _) => $"the [ServerSet] member '{property.Name}' must be a DateTimeOffset",
                (_, not ColumnKind.String, true, _) => $"[Encrypted] member '{property.Name}' must be a string",
                (_, ColumnKind.String, true, _) when !nullable => $"[Encrypted] member '{property.Name}' must be a nullable string (it is null for callers who are not its owner)",
                (_, ColumnKind.Decimal, _, _) when sortable || filterable => $"decimal member '{property.Name}' cannot be sortable or filterable (SQLite stores decimals as text)",
                (_, _, true, _) when type.GetMembers().OfType<IPropertySymbol>().Any(p => p.HasAttribute("SecureApi.SequentialKeyAttribute")) =>
                    $"[Encrypted] member '{property.Name}' needs a Guid key: a [SequentialKey] is assigned after the insert, too late to bind the ciphertext to its row",
                _ when SqlReservedWords.Contains(SnakeCase(property.Name)) => $"member '{property.Name}' maps to column '{SnakeCase(property.Name)}', an SQL reserved word; rename it",
                _ when property.SetMethod is null && property.ConstructorParameterFor(type.SerializationConstructor()) is null => $"member '{property.Name}' has no init or set accessor, so rows cannot be read back into it",
                (_, _, true, true) => $"[Encrypted] member '{property.Name}' cannot be sortable or filterable",
                _ when sortable && nullable => $"sortable member '{property.Name}' must not be nullable (keyset paging needs a total order)",
                _ => null,
            };
            if (problem is not null)
            {
                Invalid(problem, memberLocation);
                continue;
            }

            if (columns.Any(c => c.Column == SnakeCase(property.Name)))
            {
                Invalid($"members '{columns.First(c => c.Column == SnakeCase(property.Name)).PropertyName}' and '{property.Name}' both map to column '{SnakeCase(property.Name)}'", memberLocation);
                continue;
            }

            columns.Add(new ColumnSpec(
                property.Name, SymbolExtensions.ToCamelCase(property.Name), SnakeCase(property.Name), property.Type.FullName(),
                kind.Value, nullable, role, encrypted, sensitive, sortable, filterable));
        }

        if (columns.Count(c => c.Role == ColumnRole.Key) != 1)
        {
            Invalid("it needs exactly one [Key] member");
            return null;
        }

        foreach (var role in new[] { ColumnRole.Owner, ColumnRole.Tenant, ColumnRole.Version })
        {
            if (columns.Count(c => c.Role == role) > 1)
            {
                Invalid($"it has more than one {role} member");
                return null;
            }
        }

        var shared = attribute?.NamedArguments.Any(n => n.Key == "Shared" && n.Value.Value is true) == true;
        if (!columns.Any(c => c.Role is ColumnRole.Owner or ColumnRole.Tenant) && !shared)
        {
            Invalid("it has neither [Owner] nor [Tenant], so every caller would reach every row; add one, or declare [Resource(\"" + table + "\", Shared = true)] to mean it");
        }

        if (!valid)
        {
            return null;
        }

        var constructor = type.SerializationConstructor();
        var suppressions = type.SerializableProperties()
            .Where(p => p.GetAttributes().Any(ValidationCollector.IsReflectiveLengthAttribute))
            .Select(p => p.GetDocumentationCommentId())
            .Where(id => id is not null)
            .Select(id => id!)
            .OrderBy(id => id, System.StringComparer.Ordinal);
        return new ResourceSpec(
            type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
            type.Name,
            type.FullName(),
            table,
            sequential,
            columns.ToEquatableArray(),
            (constructor?.Parameters.Select(p => p.Name) ?? Enumerable.Empty<string>()).ToEquatableArray(),
            suppressions.ToEquatableArray());
    }

    private static ColumnRole RoleOf(IPropertySymbol property) =>
        property.HasAttribute(KnownNames.DataAnnotations + "KeyAttribute") ? ColumnRole.Key
        : property.HasAttribute("SecureApi.OwnerAttribute") ? ColumnRole.Owner
        : property.HasAttribute("SecureApi.TenantAttribute") ? ColumnRole.Tenant
        : property.HasAttribute(KnownNames.DataAnnotations + "ConcurrencyCheckAttribute") ? ColumnRole.Version
        : property.FindAttribute("SecureApi.ServerSetAttribute") is { } serverSet
            ? serverSet.NamedArguments.Any(n => n.Key == "OnUpdate" && n.Value.Value is true) ? ColumnRole.UpdatedAt : ColumnRole.CreatedAt
        : ColumnRole.Data;

    private static ColumnKind? KindOf(ITypeSymbol type, out bool nullable)
    {
        nullable = type.NullableAnnotation == NullableAnnotation.Annotated;
        if (type.IsNullableValueType(out var underlying))
        {
            nullable = true;
            type = underlying;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return ColumnKind.Enum;
        }

        return type.SpecialType switch
        {
            SpecialType.System_String => ColumnKind.String,
            SpecialType.System_Int32 => ColumnKind.Int32,
            SpecialType.System_Int64 => ColumnKind.Int64,
            SpecialType.System_Boolean => ColumnKind.Boolean,
            SpecialType.System_Double => ColumnKind.Double,
            SpecialType.System_Decimal => ColumnKind.Decimal,
            _ => type.ToDisplayString() switch
            {
                "System.Guid" => ColumnKind.Guid,
                "System.DateTimeOffset" => ColumnKind.DateTimeOffset,
                _ => null,
            },
        };
    }

    /// <summary><c>OwnerId</c> → <c>owner_id</c>.</summary>
    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Words SQLite or PostgreSQL reserve (lower case): not usable as a bare table or column name in either.</summary>
    private static readonly HashSet<string> SqlReservedWords =
    [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between", "binary", "both",
        "by", "case", "cast", "check", "collate", "column", "concurrently", "constraint", "create", "cross", "current_catalog",
        "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "default",
        "deferrable", "delete", "desc", "distinct", "do", "drop", "else", "end", "except", "exists", "false", "fetch", "for",
        "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "index", "initially", "inner", "insert",
        "intersect", "into", "is", "isnull", "join", "key", "lateral", "leading", "left", "like", "limit", "localtime",
        "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer", "overlaps",
        "placing", "primary", "references", "returning", "right", "select", "session_user", "set", "similar", "some",
        "symmetric", "table", "tablesample", "then", "to", "trailing", "transaction", "trigger", "true", "union", "unique",
        "update", "user", "using", "values", "variadic", "verbose", "view", "when", "where", "window", "with",
    ];

    private static bool IsIdentifier(string name) =>
        name.Length is > 0 and <= 63 && char.IsLetter(name[0]) && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');
}
