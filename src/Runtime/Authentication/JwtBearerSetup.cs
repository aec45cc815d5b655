using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Authentication;

/// <summary>
/// Sets every <see cref="JwtBearerOptions"/> value SecureApi relies on, overwriting whatever an earlier configuration
/// (JwtBearer's own <c>Authentication:Schemes:Bearer</c> binding, say) put there.
/// </summary>
internal static class JwtBearerSetup
{
    public static void Apply(JwtBearerOptions options, JwtSettings settings, TokenCacheSettings cache)
    {
        options.Authority = settings.Authority;
        options.MetadataAddress = null!; // derived from Authority by JwtBearer: {Authority}/.well-known/openid-configuration
        options.Audience = null;
        options.ClaimsIssuer = null;
        options.RequireHttpsMetadata = true;
        options.RefreshOnIssuerKeyNotFound = true;
        options.AutomaticRefreshInterval = settings.AutomaticRefreshInterval;
        options.RefreshInterval = settings.MinimumRefreshInterval;
        options.MapInboundClaims = false;
        options.SaveToken = false;

        // The challenge says "Bearer" and nothing about which check failed.
        options.IncludeErrorDetails = false;
        options.Challenge = JwtBearerDefaults.AuthenticationScheme;

        // A fresh events object: nothing may read the token from a query string or cookie.
        options.Events = new SecureApiJwtBearerEvents(settings);

        // One clock for the lifetime check, the access-token rules and the cache. Read when used: the scheme's
        // TimeProvider is filled in after this runs (post-configuration), and tests may replace it.
        DateTimeOffset Clock() => (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        var lifetime = JwtLifetime.Validator(Clock);

        options.UseSecurityTokenValidators = false;
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(CreateTokenHandler(cache, Clock, lifetime));
        options.TokenValidationParameters = CreateValidationParameters(settings, lifetime);
    }

    /// <summary>The one place the token handler is made: wrapped in the validated-token cache unless it is turned off.</summary>
    private static TokenHandler CreateTokenHandler(TokenCacheSettings cache, Func<DateTimeOffset> clock, LifetimeValidator lifetime)
    {
        var handler = new JsonWebTokenHandler { MapInboundClaims = false };
        return cache.Enabled
            ? new CachingTokenHandler(handler, new ValidatedTokenCache(cache.MaxEntries), clock, lifetime, cache.MaxLifetime)
            : handler;
    }

    private static TokenValidationParameters CreateValidationParameters(JwtSettings settings, LifetimeValidator lifetime) => new()
    {
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        IssuerSigningKeys = settings.Keys,
        ValidAlgorithms = settings.Algorithms,
        ValidateIssuer = true,
        ValidIssuers = settings.Issuers.Count == 0 ? null : settings.Issuers, // with an authority: its discovery document's issuer
        ValidateAudience = true,
        RequireAudience = true,
        ValidAudiences = settings.Audiences,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        LifetimeValidator = lifetime,
        ClockSkew = settings.ClockSkew,
        TypeValidator = (type, _, _) => settings.TokenTypes.Contains(type, StringComparer.OrdinalIgnoreCase)
            ? type
            : throw new SecurityTokenInvalidTypeException("The token's typ is not an accepted access-token type."),
        ValidateWithLKG = false,
        SaveSigninToken = false,
        NameClaimType = "sub",
        RoleClaimType = "role",
        AuthenticationType = JwtBearerDefaults.AuthenticationScheme,
    };
}
