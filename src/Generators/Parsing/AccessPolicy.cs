using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>
/// The access attributes of a class or method: anonymous access, role sets, authorization policies, rate-limit policy and
/// body cap. ASP.NET Core's <c>[Authorize(Roles = …, Policy = …)]</c> is read beside SecureApi's <c>[RequireRole]</c>.
/// </summary>
internal sealed record AccessPolicy(bool AllowAnonymous, IReadOnlyList<string> RoleSets, IReadOnlyList<string> Policies, string? RateLimitPolicy, long? MaxBodyBytes, bool AllowUnknownQuery)
{
    public static AccessPolicy Read(ISymbol symbol, KnownTypes known, List<DiagnosticInfo>? diagnostics = null)
    {
        var roleSets = symbol.FindAttributes(known.RequireRoleAttribute)
            .Select(a => string.Join(",", a.ConstructorArguments.SelectMany(c => c.Kind == TypedConstantKind.Array ? c.Values : [c]).Select(v => v.Value as string).Where(v => !string.IsNullOrEmpty(v))))
            .Where(set => set.Length > 0)
            .ToList();
        var policies = new List<string>();
        foreach (var authorize in symbol.FindAttributes(known.AuthorizeAttribute))
        {
            // ASP.NET Core's Roles is a comma-separated "any of" set, exactly one [RequireRole].
            if (authorize.NamedString("Roles") is { } roles && string.Join(",", roles.Split(',').Select(r => r.Trim()).Where(r => r.Length > 0)) is { Length: > 0 } set)
            {
                roleSets.Add(set);
            }

            if ((authorize.NamedString("Policy") ?? authorize.ConstructorArguments.FirstOrDefault().Value as string) is { Length: > 0 } policy)
            {
                policies.Add(policy);
            }

            if (authorize.NamedString("AuthenticationSchemes") is not null)
            {
                diagnostics?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedAuthorize, authorize.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? symbol.Locations.FirstOrDefault(),
                    symbol.Name, "AuthenticationSchemes"));
            }
        }

        return new AccessPolicy(
            symbol.HasAttribute(known.AllowAnonymousAttribute),
            roleSets,
            policies,
            symbol.FindAttribute(known.RateLimitAttribute)?.ConstructorArguments.FirstOrDefault().Value as string,
            symbol.FindAttribute(known.MaxBodySizeAttribute)?.ConstructorArguments.FirstOrDefault().Value is long bytes ? bytes : null,
            symbol.HasAttribute(known.AllowUnknownQueryAttribute));
    }
}
