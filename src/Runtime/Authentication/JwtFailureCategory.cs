using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Authentication;

/// <summary>
/// Why a bearer token was refused, as a category for the security event: never the token, never the validator's
/// message (which can quote claims).
/// </summary>
internal static class JwtFailureCategory
{
    /// <summary>The token passed validation but broke an access-token rule (<see cref="AccessTokenRules"/>).</summary>
    public const string RuleBroken = "token-rule";

    public static string Of(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not-yet-valid",
        SecurityTokenNoExpirationException or SecurityTokenInvalidLifetimeException => "invalid-lifetime",
        SecurityTokenSignatureKeyNotFoundException => "unknown-signing-key",
        SecurityTokenInvalidSignatureException => "invalid-signature",
        SecurityTokenInvalidAlgorithmException => "invalid-algorithm",
        SecurityTokenInvalidIssuerException => "invalid-issuer",
        SecurityTokenInvalidAudienceException => "invalid-audience",
        SecurityTokenInvalidTypeException => "invalid-type",
        SecurityTokenMalformedException or ArgumentException => "malformed-token",
        _ => "invalid-token",
    };
}
