using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Authentication;

/// <summary>
/// One cached successful validation and the conditions under which it still holds: from <see cref="NotBefore"/> until
/// <see cref="Expires"/>, while
/// <see cref="Key"/> is still offered, under the same <see cref="Policy"/>, and while <see cref="Issuer"/> is accepted.
/// </summary>
internal sealed class ValidatedToken(
    ClaimsIdentity identity, SecurityToken token, string? issuer, string? tokenType, SigningKeyIdentity key, ValidationPolicy policy, DateTimeOffset notBefore, DateTimeOffset expires)
{
    // A copy of the validated identity that is never handed out, so never changed; read once for the caller it names.
    private readonly ClaimsIdentity _identity = new CaseSensitiveClaimsIdentity(identity);
    private CallerClaims? _reading;
    private bool _read;

    public string? Issuer => issuer;

    /// <summary>The validated token, shared by every hit: it is only read after validation.</summary>
    public SecurityToken Token => token;

    public SigningKeyIdentity Key => key;

    public ValidationPolicy Policy => policy;

    /// <summary>The token's <c>nbf</c> less the clock skew, as the validator reads it.</summary>
    public DateTimeOffset NotBefore => notBefore;

    /// <summary>Never later than the token's <c>exp</c> (without clock skew).</summary>
    public DateTimeOffset Expires => expires;

    /// <summary>
    /// A result of its own for this request: claims transformation and the application may change the identity, so
    /// each hit gets a copy (which carries the caller read from the validated claims while it keeps them). The token
    /// object is shared: it is only read after validation.
    /// </summary>
    public TokenValidationResult ToResult() => new()
    {
        IsValid = true,
        ClaimsIdentity = NewIdentity(),
        SecurityToken = token,
        Issuer = issuer,
        TokenType = tokenType,
    };

    /// <summary>This hit's own copy of the validated identity (see <see cref="ToResult"/>).</summary>
    public ClaimsIdentity NewIdentity() => new CachedTokenIdentity(_identity, Reading());

    /// <summary>
    /// Read on the first hit, not when the entry is made, so a token used once costs no reading. Two first hits may
    /// both read: the readings are equal, and either may stay.
    /// </summary>
    private CallerClaims? Reading()
    {
        if (!Volatile.Read(ref _read))
        {
            _reading = CallerClaims.Read(new ClaimsPrincipal(_identity));
            Volatile.Write(ref _read, true);
        }

        return _reading;
    }
}
