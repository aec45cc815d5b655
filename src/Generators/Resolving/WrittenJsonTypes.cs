using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Resolving;

/// <summary>
/// Which JSON types the endpoints write: what they return (a value or a <c>Created&lt;T&gt;</c>'s value) and every type
/// reachable from it through members, elements and nullable values. Those get a fast-path writer; types only ever read
/// (request bodies) do not need one.
/// </summary>
internal static class WrittenJsonTypes
{
    /// <summary>The row's <c>quarantined</c> list, written beside the members of a resource with quarantined text.</summary>
    private const string QuarantinedList = "string[]";

    public static EquatableArray<JsonTypeSpec> Mark(EquatableArray<JsonTypeSpec> types, IEnumerable<EndpointClassSpec> classes)
    {
        var byName = types.ToDictionary(t => t.TypeName, System.StringComparer.Ordinal);
        var written = new HashSet<string>(System.StringComparer.Ordinal);
        var pending = new Stack<string>(classes
            .SelectMany(c => c.Endpoints)
            .Where(e => e.Return.Kind is ReturnKind.Json or ReturnKind.Created)
            .SelectMany(e => new[] { e.Return.ValueType, e.Return.UnderlyingValueType })
            .Where(name => name is not null)
            .Select(name => name!));
        while (pending.Count > 0)
        {
            if (!byName.TryGetValue(pending.Pop(), out var type) || !written.Add(type.TypeName))
            {
                continue;
            }

            if (type.ElementType is { } element)
            {
                pending.Push(element);
            }

            if (type.Object is { } objectSpec)
            {
                foreach (var property in objectSpec.Properties)
                {
                    pending.Push(property.TypeName);
                }

                if (objectSpec.Quarantine is not null)
                {
                    pending.Push(QuarantinedList);
                }
            }
        }

        return written.Count == 0 ? types : types.Select(t => written.Contains(t.TypeName) ? t with { Written = true } : t).ToEquatableArray();
    }
}
