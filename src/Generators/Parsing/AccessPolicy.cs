using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SecureApi.Generators.Diagnostics;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Parsing;

/// <summary>
/// The access attributes of a class or method: anonymous access, role sets, scope sets, client-kind sets, authorization
/// policies, rate-limit policy and body cap. ASP.NET Core's <c>[Authorize(Roles = …, Policy = …)]</c> is read beside
/// SecureApi's <c>[RequireRole]</c>. Parsing only: locations are kept for the checks that combine class and method.
/// </summary>
/// <param name="ScopeSets">One entry per <c>[RequireScope]</c>: its scopes, space-separated (one of them is needed).</param>
/// <param name="ClientKindSets">One entry per <c>[RequireClientKind]</c>: the <c>ClientKind</c> member names it admits.</param>
/// <param name="CallerRequirement">The first <c>[RequireScope]</c> or <c>[RequireClientKind]</c>, for SAPI044.</param>
/// <param name="DisableRateLimiting">The <c>[DisableRateLimiting]</c> on this symbol, if any (SAPI048; SAPI047 is <see cref="Diagnostics.RateLimitOptOutAnalyzer"/>'s).</param>
/// <param name="HasInvalidScope">A <c>[RequireScope]</c> was refused (SAPI045): its endpoints are not generated.</param>
/// <param name="FilterOutput">Says <c>[FilterOutput]</c>: the response passes through the output firewall.</param>
internal sealed record AccessPolicy(
    bool AllowAnonymous,
    IReadOnlyList<string> RoleSets,
    IReadOnlyList<string> ScopeSets,
    IReadOnlyList<IReadOnlyList<string>> ClientKindSets,
    IReadOnlyList<string> Policies,
    string? RateLimitPolicy,
    long? MaxBodyBytes,
    bool AllowUnknownQuery,
    bool ExemptFromLoadShedding,
    AttributeData? AllowAnonymousAttribute,
    AttributeData? CallerRequirement,
    AttributeData? DisableRateLimiting,
    bool HasInvalidScope,
    bool FilterOutput)
{
    public static AccessPolicy Read(ISymbol symbol, KnownTypes known, List<DiagnosticInfo>? diagnostics = null)
    {
        var roleSets = symbol.FindAttributes(known.RequireRoleAttribute)
            .Select(a => string.Join(",", Strings(a).Where(v => !string.IsNullOrEmpty(v))))
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
                diagnostics?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedAuthorize, LocationOf(authorize, symbol),
                    symbol.Name, "AuthenticationSchemes"));
            }
        }

        var scopeAttributes = symbol.FindAttributes(known.RequireScopeAttribute).ToList();
        var kindAttributes = symbol.FindAttributes(known.RequireClientKindAttribute).ToList();
        var scopeSets = scopeAttributes.Select(a => ScopeSet(a, symbol, diagnostics)).ToList();
        return new AccessPolicy(
            symbol.HasAttribute(known.AllowAnonymousAttribute),
            roleSets,
            scopeSets.OfType<string>().ToList(),
            kindAttributes.Select(KindSet).ToList(),
            policies,
            symbol.FindAttribute(known.RateLimitAttribute)?.ConstructorArguments.FirstOrDefault().Value as string,
            symbol.FindAttribute(known.MaxBodySizeAttribute)?.ConstructorArguments.FirstOrDefault().Value is long bytes ? bytes : null,
            symbol.HasAttribute(known.AllowUnknownQueryAttribute),
            symbol.HasAttribute(known.ExemptFromLoadSheddingAttribute),
            symbol.FindAttribute(known.AllowAnonymousAttribute),
            scopeAttributes.Concat(kindAttributes).FirstOrDefault(),
            symbol.FindAttribute(known.DisableRateLimitingAttribute),
            scopeSets.Contains(null),
            symbol.HasAttribute(known.FilterOutputAttribute));
    }

    public static Location? LocationOf(AttributeData attribute, ISymbol symbol) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? symbol.Locations.FirstOrDefault();

    /// <summary>The scopes of one <c>[RequireScope]</c>, space-separated; null (and SAPI045) when one is not an RFC 6749 scope token or there is none.</summary>
    private static string? ScopeSet(AttributeData attribute, ISymbol symbol, List<DiagnosticInfo>? diagnostics)
    {
        var scopes = Strings(attribute).ToList();
        var invalid = scopes.Count == 0 ? [""] : scopes.Where(s => !IsScopeToken(s)).ToList();
        foreach (var scope in invalid)
        {
            diagnostics?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidScope, LocationOf(attribute, symbol), symbol.Name, scope ?? ""));
        }

        return invalid.Count == 0 ? string.Join(" ", scopes) : null;
    }

    /// <summary>The <c>ClientKind</c> member names one <c>[RequireClientKind]</c> admits; a value the enum does not define admits nothing.</summary>
    private static IReadOnlyList<string> KindSet(AttributeData attribute) =>
        attribute.ConstructorArguments
            .SelectMany(c => c.Kind == TypedConstantKind.Array ? c.Values : [c])
            .Select(v => v.Type?.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, v.Value)))
            .OfType<IFieldSymbol>()
            .OrderBy(f => System.Convert.ToInt64(f.ConstantValue, System.Globalization.CultureInfo.InvariantCulture))
            .Select(f => f.Name)
            .Distinct()
            .ToList();

    private static IEnumerable<string?> Strings(AttributeData attribute) =>
        attribute.ConstructorArguments.SelectMany(c => c.Kind == TypedConstantKind.Array ? c.Values : [c]).Select(v => v.Value as string);

    /// <summary>RFC 6749 section 3.3: <c>scope-token = 1*( %x21 / %x23-5B / %x5D-7E )</c>.</summary>
    private static bool IsScopeToken(string? scope) =>
        scope is { Length: > 0 } && scope.All(c => c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E));
}
