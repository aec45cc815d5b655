using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>What a resource declares for the schema migration: column lengths, defaults and hand-written steps.</summary>
internal static class MigrationDeclarations
{
    /// <summary>The maximum length from <c>[MaxLength]</c>, <c>[StringLength]</c> or <c>[Length]</c> on the member or its constructor parameter.</summary>
    public static int? MaxLength(IPropertySymbol property, IMethodSymbol? constructor, KnownTypes known)
    {
        var attributes = property.GetAttributes().Concat(property.ConstructorParameterFor(constructor)?.GetAttributes() ?? Enumerable.Empty<AttributeData>());
        foreach (var attribute in attributes)
        {
            var args = attribute.ConstructorArguments;
            var length = known.DataAnnotationName(attribute) switch
            {
                "MaxLengthAttribute" or "StringLengthAttribute" when args.Length == 1 => args[0].Value as int?,
                "LengthAttribute" when args.Length == 2 => args[1].Value as int?,
                _ => null,
            };
            if (length is > 0)
            {
                return length;
            }
        }

        return null;
    }

    /// <summary>
    /// The SQL literal of <c>[DefaultValue(constant)]</c> for a member of <paramref name="kind"/>, written so SQLite and
    /// PostgreSQL read it alike; null when the constant does not fit the member (then SAPI070).
    /// </summary>
    public static string? DefaultSql(AttributeData attribute, ColumnKind kind)
    {
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not { } value)
        {
            return null;
        }

        return (kind, value) switch
        {
            (ColumnKind.String, string text) when text.IndexOf('\0') < 0 => "'" + text.Replace("'", "''") + "'",
            (ColumnKind.Boolean, bool flag) => flag ? "TRUE" : "FALSE",
            (ColumnKind.Int32 or ColumnKind.Int64 or ColumnKind.Enum, int or long or short or byte or sbyte or ushort or uint) => System.Convert.ToString(value, CultureInfo.InvariantCulture),
            (ColumnKind.Double, double number) when !double.IsNaN(number) && !double.IsInfinity(number) => number.ToString("R", CultureInfo.InvariantCulture),
            (ColumnKind.Double, int or long) => System.Convert.ToString(value, CultureInfo.InvariantCulture),
            // Decimals are text in SQLite and numeric in PostgreSQL: a quoted literal is exact in both.
            (ColumnKind.Decimal, int or long or double) => "'" + System.Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "'",
            _ => null,
        };
    }

    /// <summary>The resource's <c>[MigrationStep]</c>s, or null when one is invalid (each reported).</summary>
    public static List<MigrationStepSpec>? Steps(INamedTypeSymbol type, string table, KnownTypes known, List<DiagnosticInfo> diagnostics)
    {
        var steps = new List<MigrationStepSpec>();
        var valid = true;
        foreach (var attribute in type.GetAttributes().Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, known.MigrationStepAttribute)))
        {
            var location = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? type.Locations.FirstOrDefault();
            var id = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? "";
            string? Named(string name) => attribute.NamedArguments.FirstOrDefault(n => n.Key == name).Value.Value as string;
            var sqlite = Named("Sqlite");
            var postgreSql = Named("PostgreSql");
            var target = Named("Table");
            var problem =
                !Regex.IsMatch(id, "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$") ? "has an id that is not 1-100 letters, digits, '.', '_' or '-'"
                : steps.Any(s => s.Id == id) ? "reuses the id of another step"
                : string.IsNullOrWhiteSpace(sqlite) ? "has no SQL for SQLite (Sqlite = \"...\")"
                : string.IsNullOrWhiteSpace(postgreSql) ? "has no SQL for PostgreSQL (PostgreSql = \"...\")"
                : target is not null && !ResourceParser.IsIdentifier(target) ? "names a Table that is not a plain identifier"
                : null;
            if (problem is not null)
            {
                valid = false;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMigrationStep, location, type.Name, id, problem));
                continue;
            }

            var named = target ?? table;
            foreach (var (engine, sql) in new[] { ("SQLite", sqlite!), ("PostgreSQL", postgreSql!) })
            {
                if (!Regex.IsMatch(sql, @"(?<![A-Za-z0-9_])" + Regex.Escape(named) + @"(?![A-Za-z0-9_])", RegexOptions.IgnoreCase))
                {
                    valid = false;
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MigrationStepTable, location, type.Name, id, engine, named));
                }
            }

            steps.Add(new MigrationStepSpec(id, sqlite!, postgreSql!, Named("Member"), target));
        }

        return valid ? [.. steps.OrderBy(s => s.Id, System.StringComparer.Ordinal)] : null;
    }
}
