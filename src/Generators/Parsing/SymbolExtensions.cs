using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SecureApi.Generators.Parsing;

internal static class SymbolExtensions
{
    private static readonly SymbolDisplayFormat s_fullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary><c>global::</c>-qualified name without a nullable-reference <c>?</c>.</summary>
    public static string FullName(this ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(s_fullyQualified);

    /// <summary>The name of the type a value has once it is known to be there: <c>T</c> for <c>T?</c> and <c>Nullable&lt;T&gt;</c>.</summary>
    public static string UnderlyingFullName(this ITypeSymbol type) =>
        type.IsNullableValueType(out var underlying) ? underlying.FullName() : type.FullName();

    /// <summary>True when <paramref name="type"/> is <paramref name="known"/> or a construction of it (<c>Task&lt;int&gt;</c> is <c>Task&lt;TResult&gt;</c>).</summary>
    public static bool Is(this ITypeSymbol? type, INamedTypeSymbol? known) =>
        type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);

    public static AttributeData? FindAttribute(this ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is null ? null : symbol.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    public static IEnumerable<AttributeData> FindAttributes(this ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is null ? [] : symbol.GetAttributes().Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    public static bool HasAttribute(this ISymbol symbol, INamedTypeSymbol? attribute) => symbol.FindAttribute(attribute) is not null;

    /// <summary>The first attribute whose class implements <paramref name="metadataInterface"/> (ASP.NET Core's binding-source interfaces).</summary>
    public static AttributeData? FindAttributeImplementing(this ISymbol symbol, INamedTypeSymbol? metadataInterface) =>
        metadataInterface is null ? null : symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.AllInterfaces.Contains(metadataInterface, SymbolEqualityComparer.Default) == true);

    public static bool DerivesFrom(this INamedTypeSymbol? type, INamedTypeSymbol? baseType)
    {
        for (var current = type; current is not null && baseType is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Implements(this ITypeSymbol type, INamedTypeSymbol? definition) =>
        type.Is(definition) || type.AllInterfaces.Any(i => i.Is(definition));

    /// <summary>The containing namespace as written (<c>Shop.Api</c>), empty for the global namespace.</summary>
    public static string NamespaceName(this ISymbol symbol) =>
        symbol.ContainingNamespace is null || symbol.ContainingNamespace.IsGlobalNamespace ? "" : symbol.ContainingNamespace.ToDisplayString();

    /// <summary>A string-valued named argument of an attribute (<c>Name = "q"</c>).</summary>
    public static string? NamedString(this AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(n => n.Key == name).Value.Value as string;

    public static bool IsNullableValueType(this ITypeSymbol type, out ITypeSymbol underlying)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } named)
        {
            underlying = named.TypeArguments[0];
            return true;
        }

        underlying = type;
        return false;
    }

    /// <summary>Public instance properties with a public getter, base types first, as serializers see them.</summary>
    public static IEnumerable<IPropertySymbol> SerializableProperties(this ITypeSymbol type, KnownTypes known)
    {
        var chain = new Stack<ITypeSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            chain.Push(current);
        }

        var seen = new HashSet<string>();
        foreach (var declaring in chain)
        {
            foreach (var property in declaring.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public ||
                    property.GetMethod is not { DeclaredAccessibility: Accessibility.Public } ||
                    property.HasAttribute(known.JsonIgnoreAttribute) || !seen.Add(property.Name))
                {
                    continue;
                }

                yield return property;
            }
        }
    }

    /// <summary>The constructor parameter a property is bound to (records' primary constructors), matched by name.</summary>
    public static IParameterSymbol? ConstructorParameterFor(this IPropertySymbol property, IMethodSymbol? constructor) =>
        constructor?.Parameters.FirstOrDefault(p => string.Equals(p.Name, property.Name, System.StringComparison.OrdinalIgnoreCase));

    /// <summary>The constructor a serializer uses: [JsonConstructor], else the only public one with parameters, else the parameterless one.</summary>
    public static IMethodSymbol? SerializationConstructor(this INamedTypeSymbol type, KnownTypes known)
    {
        var constructors = type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        return constructors.FirstOrDefault(c => c.HasAttribute(known.JsonConstructorAttribute))
            ?? (constructors.Count(c => c.Parameters.Length > 0) == 1 && !constructors.Any(c => c.Parameters.Length == 0)
                ? constructors.Single(c => c.Parameters.Length > 0)
                : constructors.FirstOrDefault(c => c.Parameters.Length == 0));
    }

    /// <summary>JsonNamingPolicy.CamelCase, reproduced so error keys match the JSON the client sent.</summary>
    public static string ToCamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }

            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (chars[i + 1] == ' ')
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }

                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }
}
