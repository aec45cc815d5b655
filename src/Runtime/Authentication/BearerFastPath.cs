using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Authentication;

/// <summary>
/// Answers a repeat bearer token from the validated-token cache without going through JwtBearer: the same ticket
/// JwtBearer would make (the cached identity's copy, scheme <c>Bearer</c>, <c>ExpiresUtc</c>/<c>IssuedUtc</c> from
/// the token), without its per-request copy of the validation parameters and event contexts. Only a success is
/// answered here: a miss, a broken access-token rule, or JwtBearer options SecureApi did not make (an application's
/// own events or handlers, the cache turned off) return null, and JwtBearer validates, reports and refuses as always.
/// </summary>
internal static class BearerFastPath
{
    private const string Prefix = "Bearer ";

    public static async ValueTask<AuthenticateResult?> TryAuthenticateAsync(HttpContext context, JwtBearerOptions options, JwtSettings settings)
    {
        if (CacheOf(options) is not { } handler || !TryHashToken(context.Request, out var hash))
        {
            return null;
        }

        var lookup = handler.Lookup;
        var parameters = options.TokenValidationParameters;
        if (!lookup.CanAnswer(parameters))
        {
            return null;
        }

        // JwtBearer hands the JWT handler a copy of these parameters carrying this manager; the lookup reads both as they are.
        var (available, configuration) = await ValidatedTokenLookup.ConfigurationAsync((BaseConfigurationManager?)options.ConfigurationManager).ConfigureAwait(false);
        if (!available)
        {
            return null;
        }

        var now = lookup.Now();
        if (lookup.Find(hash, parameters, configuration, ValidationPolicy.Of(parameters), now) is not { Token: JsonWebToken token } entry ||
            AccessTokenRules.Check(token, settings, now) is not null)
        {
            return null;
        }

        handler.CountDirectHit();
        var properties = new AuthenticationProperties { ExpiresUtc = SafeDate(token.ValidTo), IssuedUtc = SafeDate(token.ValidFrom) };
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(entry.NewIdentity()), properties, SecureApiSchemes.Bearer));
    }

    /// <summary>
    /// The cache, when the options are still as SecureApi made them in everything a successful validation runs: its
    /// events, one caching token handler, no saved token, no forwarding, a manager the handler would pass on as is.
    /// </summary>
    private static CachingTokenHandler? CacheOf(JwtBearerOptions options) =>
        options is
        {
            EventsType: null,
            Events: SecureApiJwtBearerEvents { IsAsMade: true },
            UseSecurityTokenValidators: false,
            SaveToken: false,
            ForwardAuthenticate: null,
            ForwardDefault: null,
            ForwardDefaultSelector: null,
            ConfigurationManager: null or BaseConfigurationManager,
            TokenHandlers: [CachingTokenHandler handler],
        }
            ? handler
            : null;

    /// <summary>The token's hash, read as JwtBearer reads it (after "Bearer ", trimmed), without copying it out of the header.</summary>
    private static bool TryHashToken(HttpRequest request, out TokenHash hash)
    {
        var authorization = request.Headers.Authorization.ToString();
        var token = authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            ? authorization.AsSpan(Prefix.Length).Trim()
            : [];
        hash = token.IsEmpty ? default : TokenHash.Of(token);
        return !token.IsEmpty;
    }

    // As JwtBearer: DateTime.MinValue (no nbf) is left out rather than converted.
    private static DateTime? SafeDate(DateTime value) => value == DateTime.MinValue ? null : value;
}
