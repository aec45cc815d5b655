using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>
/// Reads what the schema snapshot checks need from a <c>[Resource]</c> type's members: <c>[RenamedFrom]</c>,
/// <c>[Retired]</c>, the maximum length, and where each member is declared (for the diagnostics).
/// </summary>
internal static class SchemaMemberParser
{
    public static ResourceSchemaMembers Parse(INamedTypeSymbol type, Compilation compilation)
    {
        var known = KnownTypes.For(compilation);
        var declarations = MigrationAttributes.For(compilation);
        var members = type.SerializableProperties(known)
            .Select(property => new SchemaMemberFacts(
                property.Name,
                property.FindAttribute(declarations.RenamedFrom)?.ConstructorArguments.FirstOrDefault().Value as string,
                property.HasAttribute(declarations.Retired),
                MaxLength(property, known),
                LocationInfo.From(property.Locations.FirstOrDefault())));
        var table = type.FindAttribute(known.ResourceAttribute)?.ConstructorArguments.FirstOrDefault().Value as string ?? "";
        return new ResourceSchemaMembers(type.FullName(), table, LocationInfo.From(type.Locations.FirstOrDefault()), members.ToEquatableArray());
    }

    /// <summary>The smallest maximum any length attribute sets (<c>[MaxLength(n)]</c>, <c>[StringLength(n)]</c>, <c>[Length(min, n)]</c>).</summary>
    private static int? MaxLength(IPropertySymbol property, KnownTypes known)
    {
        int? smallest = null;
        foreach (var attribute in property.GetAttributes())
        {
            var arguments = attribute.ConstructorArguments;
            var maximum = (known.DataAnnotationName(attribute), arguments.Length) switch
            {
                ("MaxLengthAttribute" or "StringLengthAttribute", 1) => arguments[0].Value as int?,
                ("LengthAttribute", 2) => arguments[1].Value as int?,
                _ => null,
            };
            if (maximum is { } value && (smallest is null || value < smallest))
            {
                smallest = value;
            }
        }

        return smallest;
    }

    /// <summary>
    /// The migration declarations, resolved once per compilation. (They belong in <see cref="KnownTypes"/>; kept here while
    /// the migration work that adds them there is on its way, so the two changes merge without a conflict.)
    /// </summary>
    private sealed class MigrationAttributes
    {
        private static readonly ConditionalWeakTable<Compilation, MigrationAttributes> s_cache = new();

        private MigrationAttributes(Compilation compilation)
        {
            RenamedFrom = compilation.GetTypeByMetadataName("SecureApi.RenamedFromAttribute");
            Retired = compilation.GetTypeByMetadataName("SecureApi.RetiredAttribute");
        }

        public INamedTypeSymbol? RenamedFrom { get; }

        public INamedTypeSymbol? Retired { get; }

        public static MigrationAttributes For(Compilation compilation) => s_cache.GetValue(compilation, static c => new MigrationAttributes(c));
    }
}
