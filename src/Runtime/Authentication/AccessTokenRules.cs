using Microsoft.IdentityModel.JsonWebTokens;

namespace SecureApi.Authentication;

/// <summary>
/// What a signed, unexpired token from a trusted issuer must still show to count as an access token for a caller.
/// Each rule returns a reason for the server log; the client only ever sees a 401.
/// </summary>
internal static class AccessTokenRules
{
    /// <summary>Claims only ID tokens carry (OpenID Connect Core 2 and 3.3.2.11).</summary>
    private static readonly string[] IdTokenClaims = ["nonce", "at_hash", "c_hash"];

    /// <summary>The reason <paramref name="token"/> is refused, or null when it is an acceptable access token.</summary>
    public static string? Check(JsonWebToken token, JwtSettings settings, DateTimeOffset now)
    {
        if (!token.TryGetPayloadValue<string>("sub", out var subject) || string.IsNullOrWhiteSpace(subject))
        {
            return "The token has no 'sub' claim: there is no caller.";
        }

        foreach (var claim in IdTokenClaims)
        {
            if (token.TryGetPayloadValue<object>(claim, out _))
            {
                return $"The token carries '{claim}': it is an ID token, not an access token.";
            }
        }

        // Keycloak marks its tokens in the payload (Bearer, ID, Refresh, Offline, Logout): only Bearer is an access token.
        if (token.TryGetPayloadValue<object>("typ", out _) &&
            !(token.TryGetPayloadValue<string>("typ", out var payloadType) && string.Equals(payloadType, "Bearer", StringComparison.OrdinalIgnoreCase)))
        {
            return "The token's payload 'typ' is not 'Bearer': it is not an access token.";
        }

        // Amazon Cognito: token_use is "access" or "id".
        if (token.TryGetPayloadValue<object>("token_use", out _) &&
            !(token.TryGetPayloadValue<string>("token_use", out var use) && string.Equals(use, "access", StringComparison.Ordinal)))
        {
            return "The token's 'token_use' is not 'access'.";
        }

        var expires = new DateTimeOffset(token.ValidTo, TimeSpan.Zero);
        if (expires - now > settings.MaxTokenLifetime + settings.ClockSkew)
        {
            return "The token expires further ahead than MaxTokenLifetime allows.";
        }

        if (token.TryGetPayloadValue<object>("iat", out _))
        {
            var issued = new DateTimeOffset(token.IssuedAt, TimeSpan.Zero);
            if (issued - now > settings.ClockSkew)
            {
                return "The token's 'iat' is in the future.";
            }

            if (expires - issued > settings.MaxTokenLifetime)
            {
                return "The token's lifetime (exp - iat) exceeds MaxTokenLifetime.";
            }
        }

        return null;
    }
}
