using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>Walks request and response types and their members into the specs of the generated JSON context.</summary>
internal sealed class JsonTypeCollector(List<DiagnosticInfo> diagnostics, KnownTypes known, CancellationToken cancellationToken)
{
    private readonly Dictionary<string, JsonTypeSpec?> _types = new(System.StringComparer.Ordinal);

    /// <summary>Reads declared limits only (for documentation); its own diagnostics list is never reported.</summary>
    private readonly ValidationCollector _rules = new([], known, cancellationToken);

    /// <summary>An enum's members as the JSON converter writes and the binders accept them (camelCase).</summary>
    public static EquatableArray<string> EnumMembersOf(ITypeSymbol type)
    {
        var underlying = type.IsNullableValueType(out var inner) ? inner : type;
        return underlying.GetMembers()
            .OfType<IFieldSymbol>()
            .Where(field => field.IsConst && field.DeclaredAccessibility == Accessibility.Public)
            .Select(field => SymbolExtensions.ToCamelCase(field.Name))
            .ToEquatableArray();
    }

    public IEnumerable<JsonTypeSpec> Types => _types.Values.Where(t => t is not null).Select(t => t!).OrderBy(t => t.TypeName, System.StringComparer.Ordinal);

    /// <summary>Adds <paramref name="type"/> and everything reachable from it; returns its context property name, or null when unsupported.</summary>
    public string? Add(ITypeSymbol type, ISymbol? reportAt = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var name = type.FullName();
        if (_types.TryGetValue(name, out var existing))
        {
            return existing?.PropertyName ?? PropertyNameOf(type, qualified: false);
        }

        _types[name] = null; // placeholder: stops recursion through self-referencing types
        var spec = Describe(type, name);
        if (spec is null && reportAt is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedMemberType, reportAt.Locations.FirstOrDefault(),
                reportAt.ContainingType?.Name ?? "", reportAt.Name, type.ToDisplayString()));
        }

        _types[name] = spec;
        return spec?.PropertyName;
    }

    private JsonTypeSpec? Describe(ITypeSymbol type, string name)
    {
        var propertyName = PropertyNameOf(type, qualified: false);
        var qualifiedName = PropertyNameOf(type, qualified: true);
        if (ValueConverterOf(type) is { } converter)
        {
            return new JsonTypeSpec(name, propertyName, qualifiedName, JsonTypeKind.Value, null, converter, null);
        }

        if (type.IsNullableValueType(out var underlying))
        {
            return Add(underlying) is null ? null : new JsonTypeSpec(name, propertyName, qualifiedName, JsonTypeKind.Nullable, underlying.FullName(), null, null);
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return new JsonTypeSpec(name, propertyName, qualifiedName, JsonTypeKind.Enum, null, null, null, EnumMembersOf(type), DocComments.Summary(type));
        }

        if (CollectionElementOf(type, known, out var kind) is { } element)
        {
            return Add(element) is null ? null : new JsonTypeSpec(name, propertyName, qualifiedName, kind, element.FullName(), null, null);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false, IsStatic: false } named &&
            named.SpecialType == SpecialType.None && !named.IsUnboundGenericType && IsOwnObjectType(named))
        {
            return DescribeObject(named, name, propertyName, qualifiedName);
        }

        return null;
    }

    private JsonTypeSpec? DescribeObject(INamedTypeSymbol type, string name, string propertyName, string qualifiedName)
    {
        var constructor = type.SerializationConstructor(known);
        if (constructor is null)
        {
            return null;
        }

        var isResource = type.HasAttribute(known.ResourceAttribute);
        var serializeOnly = isResource || type.SerializableProperties(known).Any(IsSensitive);
        var quarantine = isResource ? QuarantineOf(type, constructor) : null;
        var properties = new List<JsonPropertySpec>();
        var initializers = new List<JsonCreatorArgSpec>();
        foreach (var property in type.SerializableProperties(known).Where(p => !IsSensitive(p) && !IsRetired(type, p)))
        {
            var supported = Add(property.Type, property) is not null;
            if (!supported)
            {
                continue;
            }

            var settable = property.SetMethod is { DeclaredAccessibility: Accessibility.Public, IsInitOnly: false };
            var boundToConstructor = property.ConstructorParameterFor(constructor) is not null;
            var initOnly = property.SetMethod is { DeclaredAccessibility: Accessibility.Public, IsInitOnly: true } && !boundToConstructor && !property.IsRequired;
            properties.Add(new JsonPropertySpec(
                property.Name, property.Type.FullName(), settable, initOnly, property.IsRequired, IsNullable(property.Type),
                _rules.DeclaredRules(property, constructor), DocComments.Summary(property), FilterOutput(property, constructor),
                quarantine is not null && IsQuarantined(property, constructor) ? SymbolExtensions.ToCamelCase(property.Name) : null)
            {
                JsonName = SymbolExtensions.ToCamelCase(property.Name),
            });

            // Required members must be set in the object initializer; everything else keeps its initializer's value when absent.
            if (!boundToConstructor && property.IsRequired)
            {
                initializers.Add(new JsonCreatorArgSpec(property.Name, property.Type.FullName(), IsMemberInitializer: true, IsNullable(property.Type), false, null));
            }
        }

        var arguments = constructor.Parameters
            .Select(p => new JsonCreatorArgSpec(p.Name, p.Type.FullName(), false, IsNullable(p.Type), p.HasExplicitDefaultValue, DefaultLiteral(p)))
            .Concat(initializers)
            .ToList();
        if (serializeOnly)
        {
            arguments.Clear();
        }

        var parameterized = arguments.Count > 0;
        if (quarantine is not null)
        {
            Add(known.StringArray); // the row's "quarantined" list
        }

        return new JsonTypeSpec(name, propertyName, qualifiedName, JsonTypeKind.Object, null, null,
            new JsonObjectSpec(serializeOnly, parameterized, properties.ToEquatableArray(), arguments.ToEquatableArray(), quarantine),
            Description: DocComments.Summary(type));
    }

    /// <summary>
    /// <c>[FilterOutput]</c> on the member (or on the record parameter it comes from): true for a string; SAPI062 otherwise.
    /// </summary>
    private bool FilterOutput(IPropertySymbol property, IMethodSymbol constructor)
    {
        if (!property.HasAttribute(known.FilterOutputAttribute) && property.ConstructorParameterFor(constructor)?.HasAttribute(known.FilterOutputAttribute) != true)
        {
            return false;
        }

        if (property.Type.SpecialType == SpecialType.System_String)
        {
            return true;
        }

        diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.FilterOutputOnNonString, property.Locations.FirstOrDefault(),
            property.ContainingType.Name, property.Name, property.Type.ToDisplayString()));
        return false;
    }

    /// <summary>
    /// A resource with a member in quarantine mode (and a <c>[Key]</c>, which every valid resource has): its written
    /// rows name their key so a quarantined member can be withheld. Null otherwise.
    /// </summary>
    private JsonQuarantineSpec? QuarantineOf(INamedTypeSymbol type, IMethodSymbol constructor)
    {
        var properties = type.SerializableProperties(known).ToList();
        var key = properties.FirstOrDefault(p => p.HasAttribute(known.KeyAttribute));
        if (key is null || !properties.Any(p => IsQuarantined(p, constructor)))
        {
            return null;
        }

        var table = type.FindAttribute(known.ResourceAttribute)?.ConstructorArguments.FirstOrDefault().Value as string ?? "";
        return new JsonQuarantineSpec(table, key.Name);
    }

    /// <summary>A string member in quarantine mode (its diagnostics, if any, are the resource parser's to report).</summary>
    private bool IsQuarantined(IPropertySymbol property, IMethodSymbol constructor) =>
        UntrustedTextMembers.ModeOf(property, constructor, known, []) == UntrustedTextModeSpec.Quarantine;

    /// <summary>A <c>[Sensitive]</c> member never reaches JSON: it is left out of the metadata, not filtered at run time.</summary>
    private bool IsSensitive(IPropertySymbol property) => property.HasAttribute(known.SensitiveAttribute);

    /// <summary>A <c>[Retired]</c> resource member keeps its column but is no longer part of the resource's JSON.</summary>
    private bool IsRetired(INamedTypeSymbol type, IPropertySymbol property) =>
        type.HasAttribute(known.ResourceAttribute) && property.HasAttribute(known.RetiredAttribute);

    /// <summary>
    /// Objects are the application's own classes and SecureApi's (<c>Page&lt;T&gt;</c>); framework types such as
    /// <c>Dictionary&lt;K,V&gt;</c> or any other enumerable are not described member by member.
    /// </summary>
    private static bool IsOwnObjectType(INamedTypeSymbol type) =>
        (type.Locations.Any(l => l.IsInSource) || type.ContainingNamespace.ToDisplayString().StartsWith("SecureApi", System.StringComparison.Ordinal)) &&
        !type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable);

    /// <summary>Element type of a supported collection; <c>string</c> is not one.</summary>
    public static ITypeSymbol? CollectionElementOf(ITypeSymbol type, KnownTypes known, out JsonTypeKind kind)
    {
        kind = JsonTypeKind.Array;
        if (type is IArrayTypeSymbol { Rank: 1 } array && array.ElementType.SpecialType != SpecialType.System_Byte)
        {
            return array.ElementType;
        }

        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
        {
            if (named.Is(known.List))
            {
                kind = JsonTypeKind.List;
                return named.TypeArguments[0];
            }

            if (named.Is(known.ReadOnlyList) || named.Is(known.ReadOnlyCollection) || named.Is(known.Enumerable))
            {
                kind = JsonTypeKind.Enumerable;
                return named.TypeArguments[0];
            }
        }

        return null;
    }

    private static bool IsNullable(ITypeSymbol type) =>
        type.NullableAnnotation == NullableAnnotation.Annotated || type.IsNullableValueType(out _);

    private static string? DefaultLiteral(IParameterSymbol parameter) =>
        !parameter.HasExplicitDefaultValue ? null
        : parameter.ExplicitDefaultValue is null ? "null"
        : parameter.ExplicitDefaultValue is string s ? SymbolDisplay.FormatLiteral(s, quote: true)
        : parameter.ExplicitDefaultValue is bool b ? (b ? "true" : "false")
        : "(" + parameter.Type.FullName() + ")" + System.Convert.ToString(parameter.ExplicitDefaultValue, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The context property name: <c>NewNote</c>, <c>ListString</c>, <c>NullableInt32</c>, <c>PageNote</c>, <c>NoteArray</c>;
    /// <paramref name="qualified"/>, the application's own types carry their namespace (<c>Shop_Orders_Line</c>). Which of the
    /// two a type uses is decided when all endpoint classes are merged (<see cref="Resolving.JsonNames"/>).
    /// </summary>
    public static string PropertyNameOf(ITypeSymbol type, bool qualified)
    {
        var name = BaseNameOf(type, qualified);
        return ReservedContextMembers.Contains(name) ? name + "Info" : name;
    }

    /// <summary>Members of the context itself, which a type's property must not hide.</summary>
    private static readonly HashSet<string> ReservedContextMembers = ["Default", "Options", "GeneratedSerializerOptions", "GetTypeInfo", "Register"];

    private static string BaseNameOf(ITypeSymbol type, bool qualified) => type switch
    {
        IArrayTypeSymbol array => BaseNameOf(array.ElementType, qualified) + "Array",
        _ when type.IsNullableValueType(out var underlying) => "Nullable" + BaseNameOf(underlying, qualified),
        INamedTypeSymbol { IsGenericType: true } named => named.Name + string.Concat(named.TypeArguments.Select(t => BaseNameOf(t, qualified))),
        _ when qualified && type.Locations.Any(l => l.IsInSource) =>
            (type.ContainingNamespace.IsGlobalNamespace ? "" : type.NamespaceName().Replace('.', '_') + "_") + type.MetadataName,
        _ => type.MetadataName,
    };

    private string? ValueConverterOf(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_String => "StringConverter",
        SpecialType.System_Boolean => "BooleanConverter",
        SpecialType.System_Byte => "ByteConverter",
        SpecialType.System_Int16 => "Int16Converter",
        SpecialType.System_Int32 => "Int32Converter",
        SpecialType.System_Int64 => "Int64Converter",
        SpecialType.System_Single => "SingleConverter",
        SpecialType.System_Double => "DoubleConverter",
        SpecialType.System_Decimal => "DecimalConverter",
        SpecialType.System_Char => "CharConverter",
        SpecialType.System_DateTime => "DateTimeConverter",
        _ when type.Is(known.Guid) => "GuidConverter",
        _ when type.Is(known.DateTimeOffset) => "DateTimeOffsetConverter",
        _ when type.Is(known.DateOnly) => "DateOnlyConverter",
        _ when type.Is(known.TimeOnly) => "TimeOnlyConverter",
        _ when type.Is(known.TimeSpan) => "TimeSpanConverter",
        _ when type.Is(known.Uri) => "UriConverter",
        _ when type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte } => "ByteArrayConverter",
        _ => null,
    };
}
