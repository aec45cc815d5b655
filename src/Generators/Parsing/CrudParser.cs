using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>
/// Describes a body-less <c>partial</c> endpoint as a <see cref="CrudShape"/>; <see cref="Resolving.CrudResolver"/> matches
/// it to a store operation once the class's resource is known.
/// </summary>
internal static class CrudParser
{
    private static readonly SymbolDisplayFormat s_signatureFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    public static CrudShape Describe(IMethodSymbol method, string httpMethod, IReadOnlyList<string> routeParameters, bool allowAnonymous, KnownTypes known)
    {
        // The key is the route's last parameter of the key's type (/folders/{folderId}/notes/{id} means id): candidates, last first.
        var keys = routeParameters.Reverse()
            .Select(name => method.Parameters.FirstOrDefault(p => string.Equals(ParameterParser.RouteName(p, known), name, System.StringComparison.OrdinalIgnoreCase)))
            .Where(p => p is not null)
            .Select(p => new KeyCandidate(p!.Name, p.Type.FullName()));
        var page = method.Parameters.FirstOrDefault(p => p.Type.Is(known.PageRequest));
        var body = method.Parameters.FirstOrDefault(p => p.Type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } &&
                                                         !p.Type.Is(known.PageRequest) && !p.Type.Is(known.Caller) && !p.Type.Is(known.HttpContext));
        var bodyMembers = body is null ? [] : body.Type.SerializableProperties(known)
            .Select(p => new RequestMember(p.Name, p.Type.NullableAnnotation == NullableAnnotation.Annotated || p.Type.IsNullableValueType(out _), null));
        var result = method.ReturnType.Is(known.TaskOfT) && method.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } task ? task.TypeArguments[0] : null;
        var pageOf = result is INamedTypeSymbol { TypeArguments.Length: 1 } pageType && pageType.Is(known.Page) ? pageType.TypeArguments[0].FullName() : null;
        return new CrudShape(
            httpMethod, Signature(method), allowAnonymous, keys.ToEquatableArray(), page?.Name, body?.Name, bodyMembers.ToEquatableArray(),
            result?.FullName(), result?.NullableAnnotation == NullableAnnotation.Annotated, result?.SpecialType == SpecialType.System_Boolean, pageOf);
    }

    /// <summary>The implementation's declaration: same accessibility, types and names as the partial definition.</summary>
    private static string Signature(IMethodSymbol method)
    {
        var accessibility = method.DeclaredAccessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedOrInternal => "protected internal",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => "private",
        };
        var parameters = string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString(s_signatureFormat) + " " + p.Name));
        return $"{accessibility} partial {method.ReturnType.ToDisplayString(s_signatureFormat)} {method.Name}({parameters})";
    }
}
