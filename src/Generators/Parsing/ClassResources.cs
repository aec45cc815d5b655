using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>
/// The resources an endpoint class works with — through its stores, admin stores and CRUD return types — and the
/// checks that keep that access safe: admin stores only behind a role, request types that cannot set protected members.
/// </summary>
internal sealed record ClassResources(INamedTypeSymbol? Crud, IReadOnlyList<INamedTypeSymbol> All, IReadOnlyList<(ISymbol Site, string Store)> AdminStores)
{
    public static ClassResources Find(INamedTypeSymbol type, Compilation compilation)
    {
        var all = new List<INamedTypeSymbol>();
        var admin = new List<(ISymbol, string)>();
        INamedTypeSymbol? scoped = null;
        foreach (var parameter in type.InstanceConstructors.SelectMany(c => c.Parameters))
        {
            if (ResourceResolver.ForStore(parameter.Type, compilation, type.ContainingNamespace, out var isAdmin) is { } resource)
            {
                Add(all, resource);
                if (isAdmin)
                {
                    admin.Add((type, parameter.Type.Name));
                }
                else
                {
                    scoped ??= resource;
                }
            }
        }

        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            foreach (var parameter in method.Parameters)
            {
                if (ResourceResolver.ForStore(parameter.Type, compilation, type.ContainingNamespace, out var isAdmin) is { } resource)
                {
                    Add(all, resource);
                    if (isAdmin)
                    {
                        admin.Add((method, parameter.Type.Name));
                    }
                }
            }

            if (method.IsPartialDefinition && ResourceResolver.ForReturnType(method.ReturnType) is { } returned)
            {
                Add(all, returned);
                scoped ??= returned;
            }
        }

        return new ClassResources(scoped, all, admin);
    }

    /// <summary>SAPI011: an admin store reads every owner's rows, so each endpoint that can reach it must require a role.</summary>
    public static void CheckAdminStores(INamedTypeSymbol type, IMethodSymbol endpoint, ClassResources resources, AccessPolicy classPolicy, List<DiagnosticInfo> diagnostics)
    {
        var policy = AccessPolicy.Read(endpoint);
        var guarded = !classPolicy.AllowAnonymous && !policy.AllowAnonymous && (classPolicy.RoleSets.Count > 0 || policy.RoleSets.Count > 0);
        if (guarded)
        {
            return;
        }

        foreach (var (site, store) in resources.AdminStores.Where(a => SymbolEqualityComparer.Default.Equals(a.Site, type) || SymbolEqualityComparer.Default.Equals(a.Site, endpoint)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AdminStoreWithoutRole, endpoint.Locations.FirstOrDefault(), type.Name, store, endpoint.Name));
        }
    }

    /// <summary>SAPI012: a request type must not carry a member the server sets (key, owner, tenant, version, stamps), nor be a resource.</summary>
    public static void CheckMassAssignment(IMethodSymbol endpoint, ClassResources resources, List<DiagnosticInfo> diagnostics)
    {
        foreach (var parameter in endpoint.Parameters)
        {
            if (parameter.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } body ||
                body.ToDisplayString() is KnownNames.Caller or KnownNames.HttpContext or "SecureApi.Data.PageRequest")
            {
                continue;
            }

            if (body.HasAttribute(ResourceParser.ResourceAttribute))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MassAssignment, parameter.Locations.FirstOrDefault(), body.Name, "(every member)", "resource itself", body.Name));
                continue;
            }

            foreach (var resource in resources.All)
            {
                var spec = ResourceParser.Parse(resource, []);
                foreach (var member in body.SerializableProperties())
                {
                    var protectedColumn = spec?.Columns.FirstOrDefault(c => !c.IsClientData && string.Equals(c.PropertyName, member.Name, System.StringComparison.OrdinalIgnoreCase));
                    if (protectedColumn is not null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MassAssignment, member.Locations.FirstOrDefault() ?? parameter.Locations.FirstOrDefault(),
                            body.Name, member.Name, RoleName(protectedColumn.Role), resource.Name));
                    }
                }
            }
        }
    }

    private static string RoleName(ColumnRole role) => role switch
    {
        ColumnRole.Key => "key",
        ColumnRole.Owner => "owner",
        ColumnRole.Tenant => "tenant",
        ColumnRole.Version => "concurrency version",
        _ => "server-set timestamp",
    };

    private static void Add(List<INamedTypeSymbol> list, INamedTypeSymbol resource)
    {
        if (!list.Contains(resource, SymbolEqualityComparer.Default))
        {
            list.Add(resource);
        }
    }
}
