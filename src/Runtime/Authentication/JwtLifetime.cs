using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Authentication;

/// <summary>
/// IdentityModel's lifetime rules (<c>exp</c> required, <c>nbf</c> not after <c>exp</c>, both within the clock skew),
/// read against <see cref="Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions.TimeProvider"/>. IdentityModel
/// 8 reads the system clock and keeps its own TimeProvider internal; this way the lifetime check, the access-token
/// rules and the validated-token cache all ask one clock.
/// </summary>
internal static class JwtLifetime
{
    public static LifetimeValidator Validator(Func<DateTimeOffset> clock) => (notBefore, expires, token, parameters) =>
    {
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no 'exp'.");
        }

        if (notBefore > expires)
        {
            throw new SecurityTokenInvalidLifetimeException("The token's 'nbf' is after its 'exp'.") { NotBefore = notBefore, Expires = expires };
        }

        var now = clock().UtcDateTime;
        if (notBefore > now + parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = notBefore.Value };
        }

        if (expires.Value < now - parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        return true;
    };
}
