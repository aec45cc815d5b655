using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Resolving;

/// <summary>Matches a <see cref="CrudShape"/> to a generated operation on its resource's store; each mismatch has its own diagnostic.</summary>
internal static class CrudResolver
{
    public const string Shapes =
        "GET with the key → Task<T?>; GET with a PageRequest → Task<Page<T>>; POST with a body → Task<T>; PUT or PATCH with the key and a body → Task<T?>; DELETE with the key → Task<bool>";

    public static CrudSpec? Resolve(EndpointDraft endpoint, CrudShape shape, ResourceSpec? resource, List<DiagnosticInfo> diagnostics)
    {
        CrudSpec? Refuse(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, params string[] arguments)
        {
            diagnostics.Add(new DiagnosticInfo(descriptor.Id, endpoint.Location, new[] { endpoint.MethodName }.Concat(arguments).ToEquatableArray()));
            return null;
        }

        if (resource is null)
        {
            return Refuse(DiagnosticDescriptors.CrudWithoutResource);
        }

        if (shape.AllowAnonymous)
        {
            return Refuse(DiagnosticDescriptors.CrudAllowsAnonymous);
        }

        if (shape.ResultType is null)
        {
            return Refuse(DiagnosticDescriptors.CrudNotTask);
        }

        var key = shape.KeyCandidates.FirstOrDefault(k => k.TypeName == resource.Key.TypeName);
        var kind = (shape.HttpMethod, key is not null, shape.BodyParameter is not null, shape.PageParameter is not null) switch
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
            return Refuse(DiagnosticDescriptors.CrudShapeNotRecognised, Shapes);
        }

        var isResource = shape.ResultType == resource.FullyQualifiedName;
        var resultFits = kind switch
        {
            CrudKind.Find or CrudKind.Replace or CrudKind.Patch => isResource && shape.ResultIsNullable,
            CrudKind.Create => isResource,
            CrudKind.List => shape.PageOf == resource.FullyQualifiedName,
            _ => shape.ResultIsBool,
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
            return Refuse(DiagnosticDescriptors.CrudResultMismatch, kind.Value.ToString().ToLowerInvariant(), expected);
        }

        var assignments = shape.BodyMembers
            .Select(m => (Request: m, Column: resource.Columns.FirstOrDefault(c => c.IsClientData && string.Equals(c.PropertyName, m.Name, System.StringComparison.OrdinalIgnoreCase))))
            .Where(x => x.Column is not null)
            .Select(x => new MemberAssignment(x.Column!.PropertyName, x.Request.Name, x.Request.IsNullable))
            .ToList();

        var missing = assignments.FirstOrDefault(a => kind == CrudKind.Create && a.FromNullable &&
                                                       resource.Columns.First(c => c.PropertyName == a.ResourceMember) is { IsNullable: false });
        if (missing is not null)
        {
            return Refuse(DiagnosticDescriptors.CrudNullableRequestMember, missing.RequestMember, missing.ResourceMember);
        }

        // A required member the create request does not carry would be stored as default (null into NOT NULL): refuse.
        var unset = kind == CrudKind.Create
            ? resource.Columns.FirstOrDefault(c => c.IsClientData && !c.IsNullable && !assignments.Any(a => a.ResourceMember == c.PropertyName))
            : null;
        if (unset is not null)
        {
            return Refuse(DiagnosticDescriptors.CrudCreateMissesRequiredMember, unset.PropertyName);
        }

        return new CrudSpec(kind.Value, resource, shape.Signature, key?.Name, shape.BodyParameter, shape.PageParameter, assignments.ToEquatableArray());
    }
}
