using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>Matches a body-less <c>partial</c> endpoint to a generated operation on its resource's store.</summary>
internal static class CrudParser
{
    private const string Shapes =
        "GET with the key → Task<T?>; GET with a PageRequest → Task<Page<T>>; POST with a body → Task<T>; PUT or PATCH with the key and a body → Task<T?>; DELETE with the key → Task<bool>";

    private static readonly SymbolDisplayFormat s_signatureFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    public static CrudSpec? Parse(
        IMethodSymbol method, string httpMethod, ResourceSpec? resource, IReadOnlyList<string> routeParameters, bool allowAnonymous, List<DiagnosticInfo> diagnostics)
    {
        var location = method.Locations.FirstOrDefault();
        CrudSpec? Refuse(string reason)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoGeneratedOperation, location, method.Name, reason));
            return null;
        }

        if (resource is null)
        {
            return Refuse("the class has no resource: take the resource's store ({T}Store) in the constructor, or return the resource type");
        }

        if (allowAnonymous)
        {
            return Refuse("generated operations are scoped to the caller, so the endpoint cannot be [AllowAnonymous]");
        }

        // The key is the route's last parameter of the key's type: /folders/{folderId}/notes/{id} means id.
        var key = routeParameters.Reverse()
            .Select(name => method.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, System.StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(p => p is not null && p.Type.FullName() == resource.Key.TypeName);
        var page = method.Parameters.FirstOrDefault(p => p.Type.ToDisplayString() == "SecureApi.Data.PageRequest");
        var body = method.Parameters.FirstOrDefault(p => !SymbolEqualityComparer.Default.Equals(p, key) && !SymbolEqualityComparer.Default.Equals(p, page) && p.Type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } &&
                                                         p.Type.ToDisplayString() is not (KnownNames.Caller or KnownNames.HttpContext));
        var returns = method.ReturnType;
        if (!returns.Is(KnownNames.TaskOfT) || returns is not INamedTypeSymbol { TypeArguments.Length: 1 } task)
        {
            return Refuse($"generated operations return Task<...>; {Shapes}");
        }

        var result = task.TypeArguments[0];

        var kind = (httpMethod, key is not null, body is not null, page is not null) switch
        {
            ("GET", true, false, false) => CrudKind.Find,
            ("GET", false, false, true) => CrudKind.List,
            ("POST", false, true, false) => CrudKind.Create,
            ("PUT", true, true, false) => CrudKind.Replace,
            ("PATCH", true, true, false) => CrudKind.Patch,
            ("DELETE", true, false, false) => CrudKind.Delete,
            _ => (CrudKind?)null,
        };
        if (kind is null)
        {
            return Refuse(Shapes);
        }

        var isResource = result.FullName() == resource.FullyQualifiedName;
        var resultFits = kind switch
        {
            CrudKind.Find or CrudKind.Replace or CrudKind.Patch => isResource && result.NullableAnnotation == NullableAnnotation.Annotated,
            CrudKind.Create => isResource,
            CrudKind.List => result is INamedTypeSymbol { Name: "Page", TypeArguments.Length: 1 } pageType && pageType.TypeArguments[0].FullName() == resource.FullyQualifiedName,
            _ => result.SpecialType == SpecialType.System_Boolean,
        };
        if (!resultFits)
        {
            var expected = kind switch
            {
                CrudKind.Find or CrudKind.Replace or CrudKind.Patch => $"Task<{resource.TypeName}?>",
                CrudKind.Create => $"Task<{resource.TypeName}>",
                CrudKind.List => $"Task<Page<{resource.TypeName}>>",
                _ => "Task<bool>",
            };
            return Refuse($"a generated {kind.Value.ToString().ToLowerInvariant()} returns {expected}");
        }

        var assignments = body is null ? [] : body.Type.SerializableProperties()
            .Select(p => (Request: p, Column: resource.Columns.FirstOrDefault(c => c.IsClientData && string.Equals(c.PropertyName, p.Name, System.StringComparison.OrdinalIgnoreCase))))
            .Where(x => x.Column is not null)
            .Select(x => new MemberAssignment(x.Column!.PropertyName, x.Request.Name, x.Request.Type.NullableAnnotation == NullableAnnotation.Annotated || x.Request.Type.IsNullableValueType(out _)))
            .ToList();

        var missing = assignments.FirstOrDefault(a => kind == CrudKind.Create && a.FromNullable &&
                                                       resource.Columns.First(c => c.PropertyName == a.ResourceMember) is { IsNullable: false });
        if (missing is not null)
        {
            return Refuse($"request member '{missing.RequestMember}' is nullable, but the resource's '{missing.ResourceMember}' is not: a create could not store it; make the request member non-nullable");
        }

        return new CrudSpec(kind.Value, resource, Signature(method), key?.Name, body?.Name, page?.Name, assignments.ToEquatableArray());
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
