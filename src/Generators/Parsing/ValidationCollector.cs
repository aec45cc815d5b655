using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>Reads the data-annotation rules of a request type (and the object types inside it) into validator specs.</summary>
internal sealed class ValidationCollector(List<DiagnosticInfo> diagnostics, KnownTypes known, CancellationToken cancellationToken)
{
    private readonly Dictionary<string, ValidatedTypeSpec?> _types = new(System.StringComparer.Ordinal);

    public IEnumerable<ValidatedTypeSpec> Types => _types.Values.Where(t => t is not null).Select(t => t!).OrderBy(t => t.TypeName, System.StringComparer.Ordinal);

    public void Add(INamedTypeSymbol type)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var name = type.FullName();
        if (_types.ContainsKey(name))
        {
            return;
        }

        _types[name] = null; // placeholder: stops recursion through self-referencing types
        var constructor = type.SerializationConstructor(known);
        var members = new List<ValidatedMemberSpec>();
        var suppressions = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var property in type.SerializableProperties(known))
        {
            var parameter = property.ConstructorParameterFor(constructor);
            if (property.GetAttributes().Any(a => IsReflectiveLengthAttribute(a, known)) && property.GetDocumentationCommentId() is { } propertyId)
            {
                suppressions.Add(propertyId);
            }

            if (parameter is not null && parameter.GetAttributes().Any(a => IsReflectiveLengthAttribute(a, known)) && constructor!.GetDocumentationCommentId() is { } constructorId)
            {
                suppressions.Add(constructorId);
            }

            var attributes = property.GetAttributes().Concat(parameter?.GetAttributes() ?? Enumerable.Empty<AttributeData>()).ToList();
            if (Describe(type, property, attributes) is { } member)
            {
                members.Add(member);
            }
        }

        _types[name] = new ValidatedTypeSpec(name, members.ToEquatableArray(), suppressions.ToEquatableArray());
    }

    /// <summary>
    /// The limits declared on a member or its constructor parameter (lengths, range, pattern, allowed values), without
    /// checking them: what the OpenAPI schema of a response type says.
    /// </summary>
    public EquatableArray<RuleSpec> DeclaredRules(IPropertySymbol property, IMethodSymbol? constructor)
    {
        var attributes = property.GetAttributes().Concat(property.ConstructorParameterFor(constructor)?.GetAttributes() ?? Enumerable.Empty<AttributeData>()).ToList();
        var rules = new List<RuleSpec>();
        var type = property.Type.IsNullableValueType(out var underlying) ? underlying : property.Type;
        if (type.SpecialType == SpecialType.System_String)
        {
            AddLengthRules(attributes, rules, RuleKind.MinLength, RuleKind.MaxLength);
            AddTextRules(attributes, rules);
        }
        else if (JsonTypeCollector.CollectionElementOf(type, known, out _) is not null)
        {
            AddLengthRules(attributes, rules, RuleKind.MinCount, RuleKind.MaxCount);
        }
        else if (type.IsValueType && type.TypeKind != TypeKind.Enum)
        {
            AddRangeRule(attributes, rules, type);
        }

        AddValueListRules(attributes, rules);
        return rules.ToEquatableArray();
    }

    private ValidatedMemberSpec? Describe(INamedTypeSymbol owner, IPropertySymbol property, List<AttributeData> attributes)
    {
        var type = property.Type;
        var rules = new List<RuleSpec>();
        var isNonNullableReference = type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.NotAnnotated;
        if (isNonNullableReference || attributes.Any(a => Is(a, "RequiredAttribute")))
        {
            rules.Add(new RuleSpec(RuleKind.Required));
        }

        string? nestedType = null;
        MemberShape shape;
        if (type.SpecialType == SpecialType.System_String)
        {
            shape = MemberShape.Text;
            rules.Add(new RuleSpec(RuleKind.NoNul));
            AddLengthRules(attributes, rules, RuleKind.MinLength, RuleKind.MaxLength);
            AddTextRules(attributes, rules);
            if (!rules.Any(r => r.Kind == RuleKind.MaxLength))
            {
                ReportUnbounded(owner, property, "string");
            }
        }
        else if (JsonTypeCollector.CollectionElementOf(type, known, out _) is { } element)
        {
            shape = MemberShape.Collection;
            AddLengthRules(attributes, rules, RuleKind.MinCount, RuleKind.MaxCount);
            if (!rules.Any(r => r.Kind == RuleKind.MaxCount))
            {
                ReportUnbounded(owner, property, "collection");
            }

            if (IsValidatedObject(element, out var elementType))
            {
                Add(elementType);
                nestedType = elementType.FullName();
            }
        }
        else if (type.TypeKind == TypeKind.Enum)
        {
            shape = MemberShape.Enum;
            rules.Add(new RuleSpec(RuleKind.DefinedEnum));
        }
        else if (type.IsNullableValueType(out var underlying))
        {
            shape = underlying.TypeKind == TypeKind.Enum ? MemberShape.NullableEnum : MemberShape.NullableValue;
            if (shape == MemberShape.NullableEnum)
            {
                rules.Add(new RuleSpec(RuleKind.DefinedEnum));
            }

            AddRangeRule(attributes, rules, underlying);
        }
        else if (type.IsValueType)
        {
            shape = MemberShape.Value;
            AddRangeRule(attributes, rules, type);
        }
        else if (IsValidatedObject(type, out var objectType))
        {
            shape = MemberShape.Object;
            Add(objectType);
            nestedType = objectType.FullName();
        }
        else
        {
            return null;
        }

        AddValueListRules(attributes, rules);
        return new ValidatedMemberSpec(
            property.Name, SymbolExtensions.ToCamelCase(property.Name), type.FullName(), shape,
            isNonNullableReference, rules.ToEquatableArray(), nestedType);
    }

    private bool IsValidatedObject(ITypeSymbol type, out INamedTypeSymbol named)
    {
        named = (type as INamedTypeSymbol)!;
        return type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } &&
               JsonTypeCollector.CollectionElementOf(type, known, out _) is null && !type.Is(known.Uri);
    }

    private void AddLengthRules(List<AttributeData> attributes, List<RuleSpec> rules, RuleKind min, RuleKind max)
    {
        foreach (var attribute in attributes)
        {
            var args = attribute.ConstructorArguments;
            if (Is(attribute, "MaxLengthAttribute") && args.Length == 1)
            {
                rules.Add(new RuleSpec(max, Int(args[0])));
            }
            else if (Is(attribute, "MinLengthAttribute") && args.Length == 1)
            {
                rules.Add(new RuleSpec(min, Int(args[0])));
            }
            else if (Is(attribute, "LengthAttribute") && args.Length == 2)
            {
                rules.Add(new RuleSpec(min, Int(args[0])));
                rules.Add(new RuleSpec(max, Int(args[1])));
            }
            else if (Is(attribute, "StringLengthAttribute") && args.Length == 1)
            {
                if (Named(attribute, "MinimumLength") is { } minimum && minimum != "0")
                {
                    rules.Add(new RuleSpec(min, minimum));
                }

                rules.Add(new RuleSpec(max, Int(args[0])));
            }
        }
    }

    private void AddTextRules(List<AttributeData> attributes, List<RuleSpec> rules)
    {
        foreach (var attribute in attributes)
        {
            if (Is(attribute, "RegularExpressionAttribute") && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string pattern)
            {
                rules.Add(new RuleSpec(RuleKind.Pattern, SymbolDisplay.FormatLiteral(pattern, quote: true)));
            }
            else if (Is(attribute, "EmailAddressAttribute"))
            {
                rules.Add(new RuleSpec(RuleKind.Email));
            }
        }
    }

    private void AddRangeRule(List<AttributeData> attributes, List<RuleSpec> rules, ITypeSymbol valueType)
    {
        var range = attributes.FirstOrDefault(a => Is(a, "RangeAttribute"));
        if (range is { ConstructorArguments.Length: 2 } && range.ConstructorArguments[0].Value is { } min && range.ConstructorArguments[1].Value is { } max)
        {
            var type = valueType.FullName();
            rules.Add(new RuleSpec(RuleKind.Range, $"({type}){Number(min)}", $"({type}){Number(max)}"));
        }
    }

    private void AddValueListRules(List<AttributeData> attributes, List<RuleSpec> rules)
    {
        foreach (var attribute in attributes)
        {
            var kind = Is(attribute, "AllowedValuesAttribute") ? RuleKind.Allowed : Is(attribute, "DeniedValuesAttribute") ? RuleKind.Denied : (RuleKind?)null;
            if (kind is not null && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Array } values)
            {
                var literals = values.Values.Select(v => v.IsNull ? "null" : v.Value is string s ? SymbolDisplay.FormatLiteral(s, quote: true) : Number(v.Value!));
                rules.Add(new RuleSpec(kind.Value, string.Join(" or ", literals)));
            }
        }
    }

    private void ReportUnbounded(INamedTypeSymbol owner, IPropertySymbol property, string what) =>
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnboundedInput, property.Locations.FirstOrDefault(), owner.Name, property.Name, what));

    public static bool IsReflectiveLengthAttribute(AttributeData attribute, KnownTypes known) =>
        known.DataAnnotationName(attribute) is "MaxLengthAttribute" or "MinLengthAttribute" or "LengthAttribute";

    private bool Is(AttributeData attribute, string name) => known.DataAnnotationName(attribute) == name;

    private static string Int(TypedConstant constant) => System.Convert.ToString(constant.Value, CultureInfo.InvariantCulture) ?? "0";

    private static string? Named(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(n => n.Key == name) is { Key: not null } pair
            ? System.Convert.ToString(pair.Value.Value, CultureInfo.InvariantCulture)
            : null;

    private static string Number(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "D",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "F",
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "0",
    };
}
