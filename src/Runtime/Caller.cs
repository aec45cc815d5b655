using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

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

    /// <summary>
    /// The value type IdentityModel gives a claim whose JWT value is a JSON object (<c>JsonClaimValueTypes.Json</c>).
    /// A string <c>act</c> (<c>dotnet user-jwts --claim act=…</c> writes one) comes from an issuer that does not do
    /// delegation, or from an attribute a user may edit; parsing it as an actor would let anyone name one.
    /// </summary>
    private const string JsonClaimValueType = "JSON";

    /// <summary>Claim types whose values are roles, one role per claim: <c>role</c>, <c>roles</c> (Entra, OIDC) and .NET's <see cref="ClaimTypes.Role"/>.</summary>
    public static IReadOnlyList<string> RoleClaimTypes { get; } = ["role", "roles", ClaimTypes.Role];

    /// <summary>Claim types whose values are space-separated scopes: <c>scope</c> (RFC 8693, RFC 9068) and <c>scp</c> (Entra).</summary>
    public static IReadOnlyList<string> ScopeClaimTypes { get; } = ["scope", "scp"];

    private readonly HashSet<string> _roles;
    private readonly HashSet<string> _scopes;

    private Caller(ClaimsPrincipal principal, string subject, string? tenant, HashSet<string> roles, HashSet<string> scopes, ClientKind kind, string? actor)
    {
        Principal = principal;
        Subject = subject;
        Tenant = tenant;
        _roles = roles;
        _scopes = scopes;
        Roles = [.. roles.Order(StringComparer.Ordinal)];
        Scopes = [.. scopes.Order(StringComparer.Ordinal)];
        ClientKind = kind;
        Actor = actor;
    }

    /// <summary>The caller's stable subject identifier (the <c>sub</c> claim). Rows a caller creates are owned by it.</summary>
    public string Subject { get; }

    /// <summary>The caller's tenant (the <c>tenant</c> claim), if any.</summary>
    public string? Tenant { get; }

    /// <summary>Every role the caller holds (<see cref="RoleClaimTypes"/>), ordinal order, no duplicates.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>Every scope granted to the caller (<see cref="ScopeClaimTypes"/>, split on spaces), ordinal order, no duplicates.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>Whether a person, a service or an agent acting for a person is calling.</summary>
    public ClientKind ClientKind { get; }

    /// <summary>For a delegated token, the <c>sub</c> of its <c>act</c> claim: the party acting now for <see cref="Subject"/>; otherwise null.</summary>
    public string? Actor { get; }

    public ClaimsPrincipal Principal { get; }

    /// <summary>Whether the caller holds <paramref name="role"/> (ordinal comparison), under any of <see cref="RoleClaimTypes"/>.</summary>
    public bool IsInRole(string role) => _roles.Contains(role);

    /// <summary>Whether the caller was granted <paramref name="scope"/> (ordinal comparison).</summary>
    public bool HasScope(string scope) => _scopes.Contains(scope);

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
        if (principal.Identity?.IsAuthenticated != true || FindSubject(principal) is not { } subject)
        {
            return null;
        }

        var roles = new HashSet<string>(StringComparer.Ordinal);
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        string? kindText = null;
        string? actorJson = null;
        var actorClaims = 0;
        foreach (var claim in principal.Claims)
        {
            if (RoleClaimTypes.Contains(claim.Type))
            {
                if (claim.Value.Length > 0)
                {
                    roles.Add(claim.Value);
                }
            }
            else if (ScopeClaimTypes.Contains(claim.Type))
            {
                scopes.UnionWith(claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            else if (claim.Type == ClientKindClaimType)
            {
                // Two different kinds are a contradiction, not a choice.
                if (kindText is not null && kindText != claim.Value)
                {
                    return null;
                }

                kindText = claim.Value;
            }
            else if (claim.Type == ActorClaimType)
            {
                actorJson = claim.ValueType == JsonClaimValueType ? claim.Value : "";
                actorClaims++;
            }
        }

        string? actor = null;
        if (actorJson is not null && (actorClaims > 1 || (actor = ActorOf(actorJson)) is null))
        {
            return null; // a delegation whose acting party cannot be named is refused, never treated as the user themself
        }

        ClientKind kind;
        if (kindText is null)
        {
            kind = actor is null ? ClientKind.User : ClientKind.Agent;
        }
        else if (ParseKind(kindText) is { } explicitKind)
        {
            kind = explicitKind;
        }
        else
        {
            return null; // an unknown kind might be meant as something narrower than any kind an endpoint admits
        }

        return new Caller(principal, subject, principal.FindFirst(TenantClaimType)?.Value, roles, scopes, kind, actor);
    }

    private static string? FindSubject(ClaimsPrincipal principal)
    {
        foreach (var type in SubjectClaimTypes)
        {
            if (principal.FindFirst(type)?.Value is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    private static ClientKind? ParseKind(string text) => ClientKindNames.TryParse(text, out var kind) ? kind : null;

    /// <summary>
    /// The top-level <c>sub</c> of an RFC 8693 <c>act</c> object. A nested <c>act</c> inside it names earlier actors in
    /// the chain; the outermost one is the party acting now (RFC 8693 section 4.1).
    /// </summary>
    private static string? ActorOf(string json)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? subject = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSubject = reader.ValueTextEquals("sub"u8);
                reader.Read();
                if (isSubject)
                {
                    if (reader.TokenType != JsonTokenType.String || subject is not null)
                    {
                        return null;
                    }

                    subject = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            // Exactly one object: anything after it makes Read throw.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() && subject is { Length: > 0 } ? subject : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
