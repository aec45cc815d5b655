using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Resolving;

/// <summary>What an <c>[Endpoints]</c> class yields once joined with the resources: its spec (null when it cannot be emitted), diagnostics, and the routes it claims.</summary>
internal sealed record EndpointClassResult(EndpointClassSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<RouteClaim> Routes);

/// <summary>
/// Joins a parsed class with the <c>[Resource]</c> specs: resolves its store types, implements its CRUD partials, and runs
/// the checks that need a resource — admin stores only behind a role, request types that cannot set protected members.
/// </summary>
internal static class EndpointClassResolver
{
    public static EndpointClassResult Resolve(EndpointClassDraft draft, ImmutableArray<ResourceSpec> resources)
    {
        var diagnostics = draft.Diagnostics.ToList();
        if (draft.Spec is not { } spec)
        {
            return new EndpointClassResult(null, diagnostics.ToEquatableArray(), []);
        }

        var resolved = draft.Resources.Select(r => (Reference: r, Resource: Find(r, spec.Namespace, resources))).Where(r => r.Resource is not null).ToList();
        var crudResource = resolved.FirstOrDefault(r => r.Reference.ScopesCrud).Resource;
        var reachable = resolved.Select(r => r.Resource!).Distinct().ToList();
        var storeNames = resolved.Where(r => r.Reference.StoreTypeName is not null && r.Reference.Namespace is null)
            .GroupBy(r => r.Reference.StoreTypeName!)
            .ToDictionary(g => g.Key, g => StoreName(g.First().Reference, g.First().Resource!));
        string TypeName(string name) => storeNames.TryGetValue(name, out var store) ? store : name;

        var endpoints = new List<EndpointSpec>();
        var routes = new List<RouteClaim>();
        var specs = spec.Endpoints.ToDictionary(e => e.MethodName);
        foreach (var endpoint in draft.Endpoints)
        {
            CheckAdminStores(spec.TypeName, endpoint, resolved, diagnostics);
            CheckMassAssignment(endpoint, reachable, diagnostics);
            if (!endpoint.IsValid || !specs.TryGetValue(endpoint.MethodName, out var parsed))
            {
                continue;
            }

            var crud = endpoint.Crud is { } shape ? CrudResolver.Resolve(endpoint, shape, crudResource, diagnostics) : null;
            if (endpoint.Crud is not null && crud is null)
            {
                continue;
            }

            endpoints.Add(parsed with
            {
                Stores = StoresOf(parsed, resolved, crud).ToEquatableArray(),
                PageResource = PageResourceOf(parsed, resolved, crud),
                Parameters = parsed.Parameters.Select(p => storeNames.ContainsKey(p.TypeName) ? p with { TypeName = TypeName(p.TypeName) } : p).ToEquatableArray(),
                Crud = crud,
            });
            routes.Add(new RouteClaim(parsed.HttpMethod, parsed.Route, parsed.Name, endpoint.Location));
        }

        spec = spec with
        {
            ConstructorParameterTypes = spec.ConstructorParameterTypes.Select(TypeName).ToEquatableArray(),
            Endpoints = endpoints.ToEquatableArray(),
        };
        return new EndpointClassResult(spec, diagnostics.ToEquatableArray(), routes.ToEquatableArray());
    }

    /// <summary>
    /// The stores an endpoint reaches: its own store parameters, the constructor's (instance endpoints only), and the
    /// owner- or tenant-scoped store a generated operation runs on.
    /// </summary>
    private static IEnumerable<StoreUse> StoresOf(EndpointSpec endpoint, List<(ResourceReference Reference, ResourceSpec? Resource)> resolved, CrudSpec? crud)
    {
        var uses = resolved
            .Where(r => r.Reference.StoreTypeName is not null && (r.Reference.Site == endpoint.MethodName || (r.Reference.Site is null && !endpoint.IsStatic)))
            .Select(r => new StoreUse(r.Resource!.FullyQualifiedName, r.Reference.IsAdminStore ? StoreScope.Admin : ScopeOf(r.Resource!)));
        if (crud is not null)
        {
            uses = uses.Append(new StoreUse(crud.Resource.FullyQualifiedName, ScopeOf(crud.Resource)));
        }

        return uses.Distinct().OrderBy(u => u.Resource, System.StringComparer.Ordinal).ThenBy(u => u.Scope);
    }

    private static StoreScope ScopeOf(ResourceSpec resource) => resource.Tenant is not null ? StoreScope.Tenant : StoreScope.Owner;

    /// <summary>A resource by name: in the namespace the reference names, else the class's own namespace first.</summary>
    private static ResourceSpec? Find(ResourceReference reference, string classNamespace, ImmutableArray<ResourceSpec> resources)
    {
        var candidates = resources.Where(r => r.TypeName == reference.ResourceName && (reference.Namespace is null || r.Namespace == reference.Namespace)).ToList();
        return candidates.FirstOrDefault(r => r.Namespace == classNamespace) ?? candidates.FirstOrDefault();
    }

    private static string StoreName(ResourceReference reference, ResourceSpec resource) =>
        "global::" + (resource.Namespace.Length == 0 ? "" : resource.Namespace + ".") + (reference.IsAdminStore ? resource.AdminStoreName : resource.StoreName);

    /// <summary>
    /// The resource whose allow-lists a <c>PageRequest</c> is checked against: the generated list's, else that of the one
    /// resource a hand-written list's stores reach (two resources: unknown, so the document cannot name the sort values).
    /// </summary>
    private static ResourceSpec? PageResourceOf(EndpointSpec endpoint, List<(ResourceReference Reference, ResourceSpec? Resource)> resolved, CrudSpec? crud)
    {
        if (!endpoint.Parameters.Any(p => p.Source == ParameterSource.Page))
        {
            return null;
        }

        if (crud is not null)
        {
            return crud.Resource;
        }

        var reached = resolved
            .Where(r => r.Resource is not null && r.Reference.StoreTypeName is not null && (r.Reference.Site == endpoint.MethodName || (r.Reference.Site is null && !endpoint.IsStatic)))
            .Select(r => r.Resource!)
            .Distinct()
            .ToList();
        return reached.Count == 1 ? reached[0] : null;
    }

    /// <summary>SAPI011: an admin store reads every owner's rows, so each endpoint that can reach it must require a role.</summary>
    private static void CheckAdminStores(string className, EndpointDraft endpoint, List<(ResourceReference Reference, ResourceSpec? Resource)> resolved, List<DiagnosticInfo> diagnostics)
    {
        if (endpoint.RequiresRole)
        {
            return;
        }

        foreach (var (reference, resource) in resolved.Where(r => r.Reference.IsAdminStore && (r.Reference.Site is null || r.Reference.Site == endpoint.MethodName)))
        {
            diagnostics.Add(Create(DiagnosticDescriptors.AdminStoreWithoutRole, endpoint.Location, className, resource!.AdminStoreName, endpoint.MethodName));
        }
    }

    /// <summary>SAPI012: a request type must not carry a member the server sets (key, owner, tenant, version, stamps), nor be a resource.</summary>
    private static void CheckMassAssignment(EndpointDraft endpoint, List<ResourceSpec> reachable, List<DiagnosticInfo> diagnostics)
    {
        foreach (var request in endpoint.Requests)
        {
            if (request.IsResource)
            {
                diagnostics.Add(Create(DiagnosticDescriptors.MassAssignment, request.Location, request.TypeName, "(every member)", "resource itself", request.TypeName));
                continue;
            }

            foreach (var resource in reachable)
            {
                foreach (var member in request.Members)
                {
                    var column = resource.Columns.FirstOrDefault(c => !c.IsClientData && string.Equals(c.PropertyName, member.Name, System.StringComparison.OrdinalIgnoreCase));
                    if (column is not null)
                    {
                        diagnostics.Add(Create(DiagnosticDescriptors.MassAssignment, member.Location ?? request.Location, request.TypeName, member.Name, RoleName(column.Role), resource.TypeName));
                    }
                }
            }
        }
    }

    private static DiagnosticInfo Create(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, arguments.ToEquatableArray());

    private static string RoleName(ColumnRole role) => role switch
    {
        ColumnRole.Key => "key",
        ColumnRole.Owner => "owner",
        ColumnRole.Tenant => "tenant",
        ColumnRole.Version => "concurrency version",
        _ => "server-set timestamp",
    };
}
