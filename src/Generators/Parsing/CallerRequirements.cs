using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>
/// Combines the class's and the method's <c>[RequireScope]</c> and <c>[RequireClientKind]</c> into what an endpoint
/// requires, refusing combinations nobody could meet: a requirement on an anonymous endpoint (SAPI044) and client
/// kinds with nothing in common (SAPI046).
/// </summary>
internal static class CallerRequirements
{
    /// <summary>The checks; false when the endpoint must not be generated.</summary>
    /// <param name="clientKinds">The kinds every <c>[RequireClientKind]</c> admits, in the enum's order; empty: any.</param>
    public static bool Check(IMethodSymbol method, AccessPolicy classPolicy, AccessPolicy methodPolicy, List<DiagnosticInfo> diagnostics, out EquatableArray<string> clientKinds)
    {
        clientKinds = EquatableArray<string>.Empty;
        var valid = !classPolicy.HasInvalidScope && !methodPolicy.HasInvalidScope;
        if (classPolicy.AllowAnonymous || methodPolicy.AllowAnonymous)
        {
            // Pointed at the method's own attribute when it has one; a class that is both anonymous and restricted is
            // reported at its requirement, once per endpoint it declares.
            var requirement = methodPolicy.CallerRequirement ?? classPolicy.CallerRequirement;
            if (requirement is not null)
            {
                var at = methodPolicy.CallerRequirement ?? methodPolicy.AllowAnonymousAttribute ?? classPolicy.CallerRequirement!;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RequirementOnAnonymousEndpoint, AccessPolicy.LocationOf(at, method),
                    method.Name, requirement.AttributeClass?.Name.Replace("Attribute", "") ?? "RequireScope"));
                valid = false;
            }
        }

        var sets = classPolicy.ClientKindSets.Concat(methodPolicy.ClientKindSets).ToList();
        if (sets.Count == 0)
        {
            return valid;
        }

        // Every set must admit the kind: the intersection, never "any" when it is empty.
        IEnumerable<string> admitted = sets[0];
        foreach (var set in sets.Skip(1))
        {
            admitted = admitted.Intersect(set);
        }

        clientKinds = admitted.Distinct().ToEquatableArray();
        if (clientKinds.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoClientKindAdmitted, method.Locations.FirstOrDefault(), method.Name));
            return false;
        }

        return valid;
    }
}
