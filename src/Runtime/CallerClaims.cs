using System.Collections.ObjectModel;
using System.Security.Claims;
using System.Text;
using System.Text.Json;

namespace SecureApi;

/// <summary>
/// What a principal's claims say about its <see cref="Caller"/>: subject, tenant, roles, scopes, client kind and actor,
/// read in one pass over the claims. Immutable, so one reading may serve every request that carries the same claims
/// (a validated-token cache hit whose identity nothing changed); the per-request <see cref="Caller"/> only adds the principal.
/// </summary>
internal sealed class CallerClaims
{
    private static readonly ReadOnlyCollection<string> None = ReadOnlyCollection<string>.Empty;

    /// <summary>
    /// The value type IdentityModel gives a claim whose JWT value is a JSON object (<c>JsonClaimValueTypes.Json</c>).
    /// A string <c>act</c> (<c>dotnet user-jwts --claim act=…</c> writes one) comes from an issuer that does not do
    /// delegation, or from an attribute a user may edit; parsing it as an actor would let anyone name one.
    /// </summary>
    private const string JsonClaimValueType = "JSON";

    private readonly string[] _roles;
    private readonly string[] _scopes;

    private CallerClaims(string subject, string? tenant, string[] roles, string[] scopes, ClientKind kind, string? actor)
    {
        Subject = subject;
        Tenant = tenant;
        _roles = roles;
        _scopes = scopes;

        // Read-only wrappers: the arrays may be shared by many requests, and a cast must not let one change them.
        Roles = roles.Length == 0 ? None : Array.AsReadOnly(roles);
        Scopes = scopes.Length == 0 ? None : Array.AsReadOnly(scopes);
        Kind = kind;
        Actor = actor;
    }

    public string Subject { get; }

    public string? Tenant { get; }

    /// <summary>Ordinal order, no duplicates.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>Ordinal order, no duplicates.</summary>
    public IReadOnlyList<string> Scopes { get; }

    public ClientKind Kind { get; }

    public string? Actor { get; }

    public bool HasRole(string role) => Array.BinarySearch(_roles, role, StringComparer.Ordinal) >= 0;

    public bool HasScope(string scope) => Array.BinarySearch(_scopes, scope, StringComparer.Ordinal) >= 0;

    /// <summary>
    /// The reading of <paramref name="principal"/>'s claims (claim types compared ordinally, as the JWT handler's
    /// identity compares them), or null when they do not make a valid caller: no subject, an unknown or contradictory
    /// <c>client_kind</c>, an <c>act</c> claim without an actor. Whether the principal is authenticated is not read here.
    /// </summary>
    public static CallerClaims? Read(ClaimsPrincipal principal)
    {
        var subjectTypes = Caller.SubjectClaimTypes;
        Span<bool> subjectTypeSeen = subjectTypes.Length <= 8 ? stackalloc bool[8] : new bool[subjectTypes.Length];
        var subjectRank = int.MaxValue;
        string? subject = null;
        string? tenant = null;
        var tenantSeen = false;
        HashSet<string>? roles = null;
        HashSet<string>? scopes = null;
        string? kindText = null;
        string? actorJson = null;
        var actorClaims = 0;
        foreach (var claim in principal.Claims)
        {
            var type = claim.Type;
            if (IsOneOf(type, Caller.RoleClaimTypes))
            {
                if (claim.Value.Length > 0)
                {
                    (roles ??= new HashSet<string>(StringComparer.Ordinal)).Add(claim.Value);
                }
            }
            else if (IsOneOf(type, Caller.ScopeClaimTypes))
            {
                foreach (var range in claim.Value.AsSpan().Split(' '))
                {
                    if (range.Start.Value != range.End.Value)
                    {
                        (scopes ??= new HashSet<string>(StringComparer.Ordinal)).Add(claim.Value[range]);
                    }
                }
            }
            else if (string.Equals(type, Caller.ClientKindClaimType, StringComparison.Ordinal))
            {
                // Two different kinds are a contradiction, not a choice.
                if (kindText is not null && !string.Equals(kindText, claim.Value, StringComparison.Ordinal))
                {
                    return null;
                }

                kindText = claim.Value;
            }
            else if (string.Equals(type, Caller.ActorClaimType, StringComparison.Ordinal))
            {
                actorJson = claim.ValueType == JsonClaimValueType ? claim.Value : "";
                actorClaims++;
            }

            if (!tenantSeen && string.Equals(type, Caller.TenantClaimType, StringComparison.Ordinal))
            {
                tenantSeen = true;
                tenant = claim.Value;
            }

            // The subject is the first claim of the first of SubjectClaimTypes that has a non-empty first claim.
            var rank = Array.IndexOf(subjectTypes, type);
            if (rank >= 0 && !subjectTypeSeen[rank])
            {
                subjectTypeSeen[rank] = true;
                if (rank < subjectRank && claim.Value.Length > 0)
                {
                    subjectRank = rank;
                    subject = claim.Value;
                }
            }
        }

        if (subject is null)
        {
            return null;
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
        else if (ClientKindNames.TryParse(kindText, out var explicitKind))
        {
            kind = explicitKind;
        }
        else
        {
            return null; // an unknown kind might be meant as something narrower than any kind an endpoint admits
        }

        return new CallerClaims(subject, tenant, Sorted(roles), Sorted(scopes), kind, actor);
    }

    private static bool IsOneOf(string type, IReadOnlyList<string> types)
    {
        for (var i = 0; i < types.Count; i++)
        {
            if (string.Equals(type, types[i], StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] Sorted(HashSet<string>? values)
    {
        if (values is null)
        {
            return [];
        }

        var sorted = values.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

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
