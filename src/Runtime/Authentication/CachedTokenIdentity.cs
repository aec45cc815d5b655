using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Authentication;

/// <summary>
/// The identity a validated-token cache hit hands out: a copy of the one the JWT handler validated (case-sensitive, as
/// the handler's own), which carries the <see cref="CallerClaims"/> read from that validated identity. The reading is
/// offered only while this copy still holds exactly the validated claims: any claim added or removed (a claims
/// transformation, the application) turns it off for good, and the caller is read afresh from what the identity holds.
/// </summary>
internal sealed class CachedTokenIdentity : CaseSensitiveClaimsIdentity
{
    private readonly CallerClaims? _reading;
    private bool _changed;

    /// <param name="validated">The cached validated identity, copied claim by claim.</param>
    /// <param name="reading">What <paramref name="validated"/>'s claims say about the caller; null when they make no valid caller.</param>
    public CachedTokenIdentity(ClaimsIdentity validated, CallerClaims? reading)
        : base(validated)
    {
        _reading = reading;
        _changed = false; // whatever the copy did on the way in, these are the validated claims
    }

    /// <summary>
    /// True, with the cached reading (null: not a valid caller), when <paramref name="principal"/> is a plain principal
    /// whose only identity, <paramref name="primary"/>, is an unchanged <see cref="CachedTokenIdentity"/>: its claims are
    /// then exactly those the reading was made from. False otherwise: the caller must be read from the principal's claims.
    /// </summary>
    public static bool TryGetReading(ClaimsPrincipal principal, System.Security.Principal.IIdentity primary, out CallerClaims? reading)
    {
        if (primary is CachedTokenIdentity { _changed: false } identity &&
            principal.GetType() == typeof(ClaimsPrincipal) &&
            principal.Identities is IReadOnlyCollection<ClaimsIdentity> { Count: 1 })
        {
            reading = identity._reading;
            return true;
        }

        reading = null;
        return false;
    }

    public override void AddClaim(Claim claim)
    {
        _changed = true;
        base.AddClaim(claim);
    }

    public override void AddClaims(IEnumerable<Claim?> claims)
    {
        _changed = true;
        base.AddClaims(claims);
    }

    public override void RemoveClaim(Claim? claim)
    {
        _changed = true;
        base.RemoveClaim(claim);
    }

    public override bool TryRemoveClaim(Claim? claim)
    {
        _changed = true;
        return base.TryRemoveClaim(claim);
    }

    /// <summary>A copy that keeps the reading only while the claims are still the validated ones.</summary>
    public override ClaimsIdentity Clone() => _changed ? new CaseSensitiveClaimsIdentity(this) : new CachedTokenIdentity(this, _reading);
}
