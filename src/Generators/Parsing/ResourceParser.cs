using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>What parsing a <c>[Resource]</c> type yields: its spec (null when invalid) and diagnostics.</summary>
internal sealed record ResourceResult(ResourceSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Turns a <c>[Resource]</c> type into a <see cref="ResourceSpec"/>, refusing shapes that would weaken it (each with its own diagnostic).</summary>
internal static class ResourceParser
{
    public static ResourceResult ParseResult(INamedTypeSymbol type, KnownTypes known)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var spec = Parse(type, known, diagnostics);
        return new ResourceResult(spec, diagnostics.ToEquatableArray());
    }

    private static ResourceSpec? Parse(INamedTypeSymbol type, KnownTypes known, List<DiagnosticInfo> diagnostics)
    {
        var attribute = type.FindAttribute(known.ResourceAttribute);
        var table = attribute?.ConstructorArguments.FirstOrDefault().Value as string ?? "";
        var location = type.Locations.FirstOrDefault();
        var valid = true;
        void Invalid(DiagnosticDescriptor descriptor, Location? at, params string[] arguments)
        {
            valid = false; // an invalid resource gets no store at all: never a store with a rule silently dropped
            diagnostics.Add(DiagnosticInfo.Create(descriptor, at ?? location, [type.Name, .. arguments]));
        }

        if (!IsIdentifier(table))
        {
            Invalid(DiagnosticDescriptors.InvalidTableName, null, table);
            return null;
        }

        if (SqlReservedWords.Contains(table.ToLowerInvariant()))
        {
            Invalid(DiagnosticDescriptors.ReservedSqlWord, null, table, "table", "table");
            return null;
        }

        if (!type.IsRecord)
        {
            Invalid(DiagnosticDescriptors.ResourceNotRecord, null);
            return null;
        }

        var columns = new List<ColumnSpec>();
        var retired = new List<ColumnSpec>();
        var roles = new List<ColumnRole>();
        var hasSequentialKey = type.GetMembers().OfType<IPropertySymbol>().Any(p => p.HasAttribute(known.SequentialKeyAttribute));
        foreach (var property in type.SerializableProperties(known))
        {
            var role = RoleOf(property, known);
            roles.Add(role); // counted as declared, so a member of the wrong type is not also reported as missing
            var kind = KindOf(property.Type, known, out var nullable);
            var memberLocation = property.Locations.FirstOrDefault();
            if (kind is null)
            {
                Invalid(DiagnosticDescriptors.UnstorableMemberType, memberLocation, property.Name, property.Type.ToDisplayString());
                continue;
            }

            var encrypted = property.HasAttribute(known.EncryptedAttribute);
            var sortable = property.HasAttribute(known.SortableAttribute);
            var filterable = property.HasAttribute(known.FilterableAttribute);
            var sensitive = property.HasAttribute(known.SensitiveAttribute);
            var sequential = property.HasAttribute(known.SequentialKeyAttribute);
            var column = SnakeCase(property.Name);
            (DiagnosticDescriptor Rule, string[] Arguments)? problem = (role, kind, encrypted, sortable || filterable) switch
            {
                (ColumnRole.Key, not (ColumnKind.Guid or ColumnKind.Int64), _, _) => (DiagnosticDescriptors.UnsupportedKeyType, [property.Name, property.Type.ToDisplayString()]),
                (ColumnRole.Key, ColumnKind.Int64, _, _) when !sequential => (DiagnosticDescriptors.SequentialKeyNotOptedIn, [property.Name]),
                (ColumnRole.Key, ColumnKind.Guid, _, _) when sequential => (DiagnosticDescriptors.SequentialKeyNotLong, [property.Name]),
                (ColumnRole.Owner or ColumnRole.Tenant, not ColumnKind.String, _, _) => (DiagnosticDescriptors.ScopeMemberNotString, [property.Name, role.ToString().ToLowerInvariant()]),
                (ColumnRole.Version, not ColumnKind.Int64, _, _) => (DiagnosticDescriptors.VersionNotLong, [property.Name]),
                (ColumnRole.CreatedAt or ColumnRole.UpdatedAt, not ColumnKind.DateTimeOffset, _, _) => (DiagnosticDescriptors.ServerSetNotDateTimeOffset, [property.Name]),
                (_, not ColumnKind.String, true, _) => (DiagnosticDescriptors.EncryptedNotString, [property.Name]),
                (_, ColumnKind.String, true, _) when !nullable => (DiagnosticDescriptors.EncryptedNotNullable, [property.Name]),
                (_, ColumnKind.Decimal, _, _) when sortable || filterable => (DiagnosticDescriptors.DecimalSortable, [property.Name]),
                (_, _, true, _) when hasSequentialKey => (DiagnosticDescriptors.EncryptedWithSequentialKey, [property.Name]),
                _ when SqlReservedWords.Contains(column) => (DiagnosticDescriptors.ReservedSqlWord, [column, "column", "member '" + property.Name + "'"]),
                _ when property.SetMethod is null && property.ConstructorParameterFor(type.SerializationConstructor(known)) is null => (DiagnosticDescriptors.MemberNotSettable, [property.Name]),
                (_, _, true, true) => (DiagnosticDescriptors.EncryptedSortable, [property.Name]),
                _ when sortable && nullable => (DiagnosticDescriptors.NullableSortable, [property.Name]),
                _ => null,
            };
            if (problem is { } found)
            {
                Invalid(found.Rule, memberLocation, found.Arguments);
                continue;
            }

            var untrustedProblems = new List<DiagnosticInfo>();
            var untrusted = UntrustedTextMembers.ModeOf(property, type.SerializationConstructor(known), known, untrustedProblems);
            if (untrustedProblems.Count > 0)
            {
                valid = false;
                diagnostics.AddRange(untrustedProblems);
                continue;
            }

            if (columns.Concat(retired).FirstOrDefault(c => c.Column == column) is { } clash)
            {
                Invalid(DiagnosticDescriptors.DuplicateColumn, memberLocation, clash.PropertyName, property.Name, column);
                continue;
            }

            var isRetired = property.HasAttribute(known.RetiredAttribute);
            if (isRetired && role != ColumnRole.Data)
            {
                Invalid(DiagnosticDescriptors.RetiredNotData, memberLocation, property.Name, role.ToString().ToLowerInvariant());
                continue;
            }

            var renamedFrom = property.FindAttribute(known.RenamedFromAttribute)?.ConstructorArguments.FirstOrDefault().Value as string;
            if (property.HasAttribute(known.RenamedFromAttribute) &&
                (renamedFrom is null || !IsIdentifier(renamedFrom) || !string.Equals(renamedFrom, renamedFrom.ToLowerInvariant(), System.StringComparison.Ordinal) || renamedFrom == column || SqlReservedWords.Contains(renamedFrom)))
            {
                Invalid(DiagnosticDescriptors.InvalidRenamedFrom, memberLocation, property.Name, renamedFrom ?? "", column);
                continue;
            }

            string? defaultSql = null;
            if (property.FindAttribute(known.DefaultValueAttribute) is { } defaultValue)
            {
                defaultSql = role == ColumnRole.Data && !encrypted ? MigrationDeclarations.DefaultSql(defaultValue, kind.Value) : null;
                if (defaultSql is null)
                {
                    Invalid(DiagnosticDescriptors.InvalidDefaultValue, memberLocation, property.Name, kind.Value.ToString());
                    continue;
                }
            }

            var spec = new ColumnSpec(
                property.Name, SymbolExtensions.ToCamelCase(property.Name), column, property.Type.FullName(), property.Type.UnderlyingFullName(),
                kind.Value, nullable, role, encrypted, sensitive, sortable, filterable)
            {
                UntrustedText = untrusted,
                FilterOutput = property.Type.SpecialType == SpecialType.System_String && (property.HasAttribute(known.FilterOutputAttribute)
                    || property.ConstructorParameterFor(type.SerializationConstructor(known))?.HasAttribute(known.FilterOutputAttribute) == true),
                RenamedFrom = renamedFrom,
                Retired = isRetired,
                MaxLength = kind == ColumnKind.String && !encrypted ? MigrationDeclarations.MaxLength(property, type.SerializationConstructor(known), known) : null,
                DefaultSql = defaultSql,
            };
            (isRetired ? retired : columns).Add(spec);
        }

        foreach (var renamed in columns.Concat(retired).Where(c => c.RenamedFrom is not null))
        {
            if (columns.Concat(retired).Any(c => c.Column == renamed.RenamedFrom || (c != renamed && c.RenamedFrom == renamed.RenamedFrom)))
            {
                Invalid(DiagnosticDescriptors.InvalidRenamedFrom, null, renamed.PropertyName, renamed.RenamedFrom!, renamed.Column);
            }
        }

        var steps = MigrationDeclarations.Steps(type, table, known, diagnostics);
        if (steps is null)
        {
            valid = false;
        }

        var keys = roles.Count(r => r == ColumnRole.Key);
        if (keys != 1)
        {
            Invalid(DiagnosticDescriptors.KeyCount, null, keys.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }

        foreach (var role in new[] { ColumnRole.Owner, ColumnRole.Tenant, ColumnRole.Version })
        {
            if (roles.Count(r => r == role) > 1)
            {
                Invalid(DiagnosticDescriptors.DuplicateScopeMember, null, role.ToString().ToLowerInvariant());
                return null;
            }
        }

        var shared = attribute?.NamedArguments.Any(n => n.Key == "Shared" && n.Value.Value is true) == true;
        if (!roles.Any(r => r is ColumnRole.Owner or ColumnRole.Tenant) && !shared)
        {
            Invalid(DiagnosticDescriptors.UnscopedResource, null, table);
        }

        if (!valid)
        {
            return null;
        }

        var constructor = type.SerializationConstructor(known);
        var suppressions = type.SerializableProperties(known)
            .Where(p => p.GetAttributes().Any(a => ValidationCollector.IsReflectiveLengthAttribute(a, known)))
            .Select(p => p.GetDocumentationCommentId())
            .Where(id => id is not null)
            .Select(id => id!)
            .OrderBy(id => id, System.StringComparer.Ordinal);
        return new ResourceSpec(
            type.NamespaceName(),
            type.Name,
            type.FullName(),
            table,
            hasSequentialKey,
            columns.ToEquatableArray(),
            (constructor?.Parameters.Select(p => p.Name) ?? Enumerable.Empty<string>()).ToEquatableArray(),
            suppressions.ToEquatableArray())
        {
            RetiredColumns = retired.ToEquatableArray(),
            MigrationSteps = steps!.ToEquatableArray(),
        };
    }

    private static ColumnRole RoleOf(IPropertySymbol property, KnownTypes known) =>
        property.HasAttribute(known.KeyAttribute) ? ColumnRole.Key
        : property.HasAttribute(known.OwnerAttribute) ? ColumnRole.Owner
        : property.HasAttribute(known.TenantAttribute) ? ColumnRole.Tenant
        : property.HasAttribute(known.ConcurrencyCheckAttribute) ? ColumnRole.Version
        : property.FindAttribute(known.ServerSetAttribute) is { } serverSet
            ? serverSet.NamedArguments.Any(n => n.Key == "OnUpdate" && n.Value.Value is true) ? ColumnRole.UpdatedAt : ColumnRole.CreatedAt
        : ColumnRole.Data;

    private static ColumnKind? KindOf(ITypeSymbol type, KnownTypes known, out bool nullable)
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
            _ when type.Is(known.Guid) => ColumnKind.Guid,
            _ when type.Is(known.DateTimeOffset) => ColumnKind.DateTimeOffset,
            _ => null,
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

    internal static bool IsIdentifier(string name) =>
        name.Length is > 0 and <= 63 && char.IsLetter(name[0]) && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');
}
