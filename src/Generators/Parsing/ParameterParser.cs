using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>Decides where a parameter's value comes from: caller, services, route, query, or the JSON body.</summary>
internal static class ParameterParser
{
    public static ParameterSpec? Parse(IParameterSymbol parameter, IReadOnlyList<string> routeParameters, JsonTypeCollector json, ValidationCollector validation, EndpointClassContext context)
    {
        var type = parameter.Type;
        var typeName = ResourceResolver.TypeName(type, context.Compilation, context.Namespace);
        var plainName = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString();
        ParameterSpec Make(ParameterSource source, BindKind kind = BindKind.None, bool required = false, string? jsonProperty = null, string? bindingName = null) =>
            new(parameter.Name, source, typeName, bindingName ?? parameter.Name, kind, required, DefaultOf(parameter), jsonProperty, type.IsValueType);

        if (plainName == KnownNames.Caller)
        {
            return Make(ParameterSource.Caller, required: type.NullableAnnotation != NullableAnnotation.Annotated);
        }

        if (plainName == KnownNames.CancellationToken)
        {
            return Make(ParameterSource.CancellationToken);
        }

        if (plainName == KnownNames.HttpContext)
        {
            return Make(ParameterSource.HttpContext);
        }

        if (plainName == "SecureApi.Data.PageRequest")
        {
            return Make(ParameterSource.Page);
        }

        if (parameter.HasAttribute(KnownNames.ServiceAttribute))
        {
            return Make(ParameterSource.Service);
        }

        var bindKind = BindKindOf(type);
        if (routeParameters.Contains(parameter.Name, System.StringComparer.OrdinalIgnoreCase))
        {
            return bindKind is BindKind.Parsable or BindKind.Enum ? Make(ParameterSource.Route, bindKind, required: true) : null;
        }

        var query = parameter.FindAttribute(KnownNames.QueryAttribute);
        if (bindKind != BindKind.None)
        {
            var queryName = query is null ? null : EndpointClassParser.NamedString(query, "Name");
            var optional = parameter.HasExplicitDefaultValue || bindKind is BindKind.NullableParsable or BindKind.NullableEnum ||
                           (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated);
            return Make(ParameterSource.Query, bindKind, required: !optional, bindingName: queryName);
        }

        if (query is null && type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } named &&
            JsonTypeCollector.CollectionElementOf(type, out _) is null && json.Add(type) is { } property)
        {
            validation.Add(named);
            return Make(ParameterSource.Body, required: true, jsonProperty: property);
        }

        return null;
    }

    private static BindKind BindKindOf(ITypeSymbol type)
    {
        if (type.IsNullableValueType(out var underlying))
        {
            return underlying.TypeKind == TypeKind.Enum ? BindKind.NullableEnum
                : underlying.Implements(KnownNames.Parsable) ? BindKind.NullableParsable
                : BindKind.None;
        }

        return type.TypeKind == TypeKind.Enum ? BindKind.Enum
            : type.Implements(KnownNames.Parsable) ? BindKind.Parsable
            : BindKind.None;
    }

    private static string? DefaultOf(IParameterSymbol parameter) =>
        !parameter.HasExplicitDefaultValue ? null
        : parameter.ExplicitDefaultValue switch
        {
            null => "default",
            string s => SymbolDisplay.FormatLiteral(s, quote: true),
            bool b => b ? "true" : "false",
            var value when parameter.Type.TypeKind == TypeKind.Enum => "(" + parameter.Type.FullName() + ")" + System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            var value => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false),
        };
}
