using System.Linq;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>
/// Reads where a <c>[Resource]</c> type and its members are declared, for the schema snapshot's diagnostics. What the
/// members declare (<c>[RenamedFrom]</c>, <c>[Retired]</c>, the maximum length) the resource parser's
/// <see cref="ColumnSpec"/> carries; the resource spec keeps no locations, so moving code leaves it cached.
/// </summary>
internal static class SchemaMemberParser
{
    public static ResourceSchemaMembers Parse(INamedTypeSymbol type, Compilation compilation)
    {
        var known = KnownTypes.For(compilation);
        var members = type.SerializableProperties(known)
            .Select(property => new SchemaMemberLocation(property.Name, LocationInfo.From(property.Locations.FirstOrDefault())));
        var table = type.FindAttribute(known.ResourceAttribute)?.ConstructorArguments.FirstOrDefault().Value as string ?? "";
        return new ResourceSchemaMembers(type.FullName(), table, LocationInfo.From(type.Locations.FirstOrDefault()), members.ToEquatableArray());
    }
}
