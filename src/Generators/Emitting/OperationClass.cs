using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting;

/// <summary>
/// How a class with generated operations is built: its own constructor dependencies, the store of each resource its
/// operations use (the constructor's own parameter when it has one, else a field the generated constructor sets),
/// and the request the operations serve.
/// </summary>
internal sealed record OperationClass(IReadOnlyList<StoreAccess> Stores)
{
    public const string RequestField = "_endpointRequest";

    public static OperationClass? Of(EndpointClassSpec spec)
    {
        var resources = spec.Endpoints.Where(e => e.Crud is not null).Select(e => e.Crud!.Resource).Distinct().ToList();
        if (resources.Count == 0)
        {
            return null;
        }

        var names = spec.PrimaryConstructorParameterNames;
        var stores = resources.Select(resource =>
        {
            var type = "global::" + (resource.Namespace.Length == 0 ? "" : resource.Namespace + ".") + resource.StoreName;
            var index = names is null ? -1 : spec.ConstructorParameterTypes.ToList().IndexOf(type);
            return index >= 0
                ? new StoreAccess(resource.FullyQualifiedName, type, names!.Value[index], FromConstructor: true)
                : new StoreAccess(resource.FullyQualifiedName, type, "_" + Camel(resource.StoreName), FromConstructor: false);
        }).ToList();
        return new OperationClass(stores);
    }

    /// <summary>The expression an operation on <paramref name="resource"/> reaches its store by.</summary>
    public string StoreOf(ResourceSpec resource) => Stores.First(s => s.Resource == resource.FullyQualifiedName).Member;

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);
}

/// <param name="Member">The primary-constructor parameter or generated field holding the store.</param>
internal sealed record StoreAccess(string Resource, string StoreType, string Member, bool FromConstructor);
