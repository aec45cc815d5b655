using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using SecureApi.Authentication;

namespace SecureApi;

/// <summary>
/// The authenticated identity behind a request, resolved once from the validated <see cref="ClaimsPrincipal"/> whatever
/// the scheme (API key, JWT bearer, a custom one). Take it as an endpoint parameter; it is never read from the request
/// body, query or route. Ownership follows <see cref="Subject"/>; for a delegated token <see cref="Actor"/> names who acts.
/// </summary>
public sealed class Caller
{
    /// <summary>Claim types read, in order, for the subject.</summary>
    public static readonly string[] SubjectClaimTypes = ["sub", ClaimTypes.NameIdentifier];

    /// <summary>Claim type read for the tenant.</summary>
    public const string TenantClaimType = "tenant";

    /// <summary>Claim type of the client kind: <c>user</c>, <c>service</c> or <c>agent</c>.</summary>
    public const string ClientKindClaimType = "client_kind";

    /// <summary>
    /// Claim type of the RFC 8693 actor: a JSON object whose <c>sub</c> is the party acting for the subject. The claim's
    /// value type must be <c>JSON</c> (what JWT bearer gives an object); a string that merely contains JSON is refused.
    /// </summary>
    public const string ActorClaimType = "act";

    /// <summary>Claim types whose values are roles, one role per claim: <c>role</c>, <c>roles</c> (Entra, OIDC) and .NET's <see cref="ClaimTypes.Role"/>.</summary>
    public static IReadOnlyList<string> RoleClaimTypes { get; } = ["role", "roles", ClaimTypes.Role];

    /// <summary>Claim types whose values are space-separated scopes: <c>scope</c> (RFC 8693, RFC 9068) and <c>scp</c> (Entra).</summary>
    public static IReadOnlyList<string> ScopeClaimTypes { get; } = ["scope", "scp"];

    private readonly CallerClaims _claims;

    private Caller(ClaimsPrincipal principal, CallerClaims claims)
    {
        Principal = principal;
        _claims = claims;
    }

    /// <summary>The caller's stable subject identifier (the <c>sub</c> claim). Rows a caller creates are owned by it.</summary>
    public string Subject => _claims.Subject;

    /// <summary>The caller's tenant (the <c>tenant</c> claim), if any.</summary>
    public string? Tenant => _claims.Tenant;

    /// <summary>Every role the caller holds (<see cref="RoleClaimTypes"/>), ordinal order, no duplicates.</summary>
    public IReadOnlyList<string> Roles => _claims.Roles;

    /// <summary>Every scope granted to the caller (<see cref="ScopeClaimTypes"/>, split on spaces), ordinal order, no duplicates.</summary>
    public IReadOnlyList<string> Scopes => _claims.Scopes;

    /// <summary>Whether a person, a service or an agent acting for a person is calling.</summary>
    public ClientKind ClientKind => _claims.Kind;

    /// <summary>For a delegated token, the <c>sub</c> of its <c>act</c> claim: the party acting now for <see cref="Subject"/>; otherwise null.</summary>
    public string? Actor => _claims.Actor;

    public ClaimsPrincipal Principal { get; }

    /// <summary>Whether the caller holds <paramref name="role"/> (ordinal comparison), under any of <see cref="RoleClaimTypes"/>.</summary>
    public bool IsInRole(string role) => _claims.HasRole(role);

    /// <summary>Whether the caller was granted <paramref name="scope"/> (ordinal comparison).</summary>
    public bool HasScope(string scope) => _claims.HasScope(scope);

    /// <summary>
    /// The caller of an authenticated request, or <c>null</c> when the request is anonymous or its principal is not a
    /// valid caller (no subject, an unknown or contradictory <c>client_kind</c>, an <c>act</c> claim without an actor).
    /// </summary>
    public static Caller? Find(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(typeof(Caller), out var cached))
        {
            return (Caller?)cached;
        }

        var caller = Read(context.User);
        context.Items[typeof(Caller)] = caller;
        return caller;
    }

    /// <summary>The caller of a request that authorisation has already admitted; throws if there is none.</summary>
    public static Caller From(HttpContext context) =>
        Find(context) ?? throw new InvalidOperationException("The endpoint requires an authenticated caller with a subject claim.");

    /// <summary>Reads a principal as <see cref="Find"/> does, without a request to cache it on.</summary>
    internal static Caller? Read(ClaimsPrincipal principal)
    {
        // Asked once: the primary identity's getter boxes an enumerator.
        var identity = principal.Identity;
        if (identity?.IsAuthenticated != true)
        {
            return null;
        }

        var claims = CachedTokenIdentity.TryGetReading(principal, identity, out var reading) ? reading : CallerClaims.Read(principal);
        return claims is null ? null : new Caller(principal, claims);
    }
}
