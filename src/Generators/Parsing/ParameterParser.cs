using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>
/// Decides where a parameter's value comes from: caller, services, route, query, a header, or the JSON body. ASP.NET Core's
/// <c>[FromServices]</c>, <c>[FromRoute]</c>, <c>[FromQuery]</c> and <c>[FromHeader]</c> are recognised by the binding-source
/// interfaces they implement, beside SecureApi's <c>[Service]</c> and <c>[Query]</c>.
/// </summary>
internal static class ParameterParser
{
    public static ParameterSpec? Parse(IParameterSymbol parameter, IReadOnlyList<string> routeParameters, EndpointClassContext context)
    {
        var known = context.Known;
        var type = parameter.Type;
        var typeName = type.FullName(); // a not-yet-generated store's name is resolved when resources are joined in
        ParameterSpec Make(ParameterSource source, BindKind kind = BindKind.None, bool required = false, string? jsonProperty = null, string? bindingName = null) =>
            new(parameter.Name, source, typeName, type.UnderlyingFullName(), bindingName ?? parameter.Name, kind, required, DefaultOf(parameter), jsonProperty, type.IsValueType,
                kind is BindKind.Enum or BindKind.NullableEnum ? JsonTypeCollector.EnumMembersOf(type) : default);

        if (type.Is(known.Caller))
        {
            return Make(ParameterSource.Caller, required: type.NullableAnnotation != NullableAnnotation.Annotated);
        }

        if (type.Is(known.CancellationToken))
        {
            return Make(ParameterSource.CancellationToken);
        }

        if (type.Is(known.HttpContext))
        {
            return Make(ParameterSource.HttpContext);
        }

        if (type.Is(known.PageRequest))
        {
            return Make(ParameterSource.Page);
        }

        if (parameter.HasAttribute(known.ServiceAttribute) || parameter.FindAttributeImplementing(known.FromServiceMetadata) is not null)
        {
            return Make(ParameterSource.Service);
        }

        var bindKind = BindKindOf(type, known);
        var optional = parameter.HasExplicitDefaultValue || bindKind is BindKind.NullableParsable or BindKind.NullableEnum ||
                       (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated);
        if (parameter.FindAttributeImplementing(known.FromHeaderMetadata) is { } header)
        {
            return bindKind is not (BindKind.Parsable or BindKind.NullableParsable) ? null : Make(ParameterSource.Header, bindKind, required: !optional, bindingName: header.NamedString("Name"));
        }

        var routeName = RouteName(parameter, known);
        if (routeParameters.Contains(routeName, System.StringComparer.OrdinalIgnoreCase))
        {
            return bindKind is BindKind.Parsable or BindKind.Enum ? Make(ParameterSource.Route, bindKind, required: true, bindingName: routeName) : null;
        }

        if (parameter.FindAttributeImplementing(known.FromRouteMetadata) is not null)
        {
            return null; // [FromRoute] on a name the route does not have
        }

        var query = parameter.FindAttribute(known.QueryAttribute) ?? parameter.FindAttributeImplementing(known.FromQueryMetadata);
        if (bindKind != BindKind.None)
        {
            return Make(ParameterSource.Query, bindKind, required: !optional, bindingName: query?.NamedString("Name"));
        }

        if (query is null && type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } named &&
            JsonTypeCollector.CollectionElementOf(type, known, out _) is null && context.Json.Add(type) is { } property)
        {
            context.Validation.Add(named);
            return Make(ParameterSource.Body, required: true, jsonProperty: property);
        }

        return null;
    }

    /// <summary>The route parameter a method parameter binds to: <c>[FromRoute(Name = "id")]</c>, else its own name.</summary>
    public static string RouteName(IParameterSymbol parameter, KnownTypes known) =>
        parameter.FindAttributeImplementing(known.FromRouteMetadata)?.NamedString("Name") ?? parameter.Name;

    private static BindKind BindKindOf(ITypeSymbol type, KnownTypes known)
    {
        if (type.IsNullableValueType(out var underlying))
        {
            return underlying.TypeKind == TypeKind.Enum ? BindKind.NullableEnum
                : underlying.Implements(known.Parsable) ? BindKind.NullableParsable
                : BindKind.None;
        }

        return type.TypeKind == TypeKind.Enum ? BindKind.Enum
            : type.Implements(known.Parsable) ? BindKind.Parsable
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
