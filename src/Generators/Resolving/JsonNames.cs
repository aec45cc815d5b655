using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Resolving;

/// <summary>
/// Names of the JSON context's properties across the assembly: a type keeps its short name (<c>Line</c>) unless another
/// type of the same short name is used by some endpoint class; then both take their qualified names (<c>Shop_Orders_Line</c>).
/// </summary>
internal static class JsonNames
{
    /// <summary>
    /// The types (by <c>global::</c> name) that must use their qualified property name: those sharing a short name, when
    /// qualifying tells them apart (otherwise, as for <c>NoteArray</c> beside <c>Note[]</c>, the clash is reported).
    /// </summary>
    public static EquatableArray<string> TypesToQualify(ImmutableArray<EndpointClassSpec> specs) =>
        specs.SelectMany(s => s.JsonTypes)
            .GroupBy(t => t.PropertyName)
            .Select(g => g.GroupBy(t => t.TypeName).Select(same => same.First()).ToList())
            .Where(g => g.Count > 1 && g.Select(t => t.QualifiedPropertyName).Distinct().Count() == g.Count)
            .SelectMany(g => g.Select(t => t.TypeName))
            .Distinct()
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToEquatableArray();

    /// <summary>One endpoint class with its JSON property names (types and the parameters and results that use them) decided.</summary>
    public static EndpointClassSpec Apply(EndpointClassSpec spec, EquatableArray<string> qualify)
    {
        if (!spec.JsonTypes.Any(t => qualify.Contains(t.TypeName)))
        {
            return spec;
        }

        var names = spec.JsonTypes.ToDictionary(t => t.TypeName, t => qualify.Contains(t.TypeName) ? t.QualifiedPropertyName : t.PropertyName);
        string? Rename(string? typeName, string? property) =>
            property is not null && typeName is not null && names.TryGetValue(typeName, out var renamed) ? renamed : property;

        return spec with
        {
            JsonTypes = Apply(spec.JsonTypes, qualify),
            Endpoints = spec.Endpoints.Select(e => e with
            {
                Parameters = e.Parameters.Select(p => p with { JsonProperty = Rename(p.UnderlyingTypeName, p.JsonProperty) }).ToEquatableArray(),
                Return = e.Return with { JsonProperty = Rename(e.Return.UnderlyingValueType, e.Return.JsonProperty) },
            }).ToEquatableArray(),
        };
    }

    public static EquatableArray<JsonTypeSpec> Apply(IEnumerable<JsonTypeSpec> types, EquatableArray<string> qualify) =>
        types.Select(t => qualify.Contains(t.TypeName) ? t with { PropertyName = t.QualifiedPropertyName } : t).ToEquatableArray();

    /// <summary>SAPI009: two types that would still share a property name (a qualified name equal to another type's short one).</summary>
    public static void ReportClashes(SourceProductionContext output, EquatableArray<JsonTypeSpec> types)
    {
        foreach (var group in types.GroupBy(t => t.PropertyName).Where(g => g.Count() > 1))
        {
            var names = group.Select(t => t.TypeName).ToList();
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.JsonNameClash, Location.None, names[0], names[1], group.Key));
        }
    }
}
