using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.Authentication;

/// <summary>
/// Picks the scheme that reads a request's credentials: <c>Authorization: Bearer</c> → JWT (when configured),
/// <c>Authorization: ApiKey</c> or <c>X-Api-Key</c> → API keys. A request with no credentials, an unknown scheme,
/// or both a bearer token and an API key goes to <see cref="ChallengeHandler"/>, which authenticates no one.
/// </summary>
internal static class SchemeSelector
{
    public static string Select(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization;
        var hasKeyHeader = context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName);
        if (authorization.Count == 0)
        {
            return hasKeyHeader ? SecureApiSchemes.ApiKey : ChallengeHandler.SchemeName;
        }

        var value = authorization.ToString();
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? value : value[..space];
        if (authorization.Count == 1 && string.Equals(scheme, SecureApiSchemes.Bearer, StringComparison.OrdinalIgnoreCase))
        {
            // Which credential would "win" is a guess, so a request carrying two kinds is not authenticated at all.
            return !hasKeyHeader && context.RequestServices.GetRequiredService<JwtSettings>().IsConfigured
                ? SecureApiSchemes.Bearer
                : ChallengeHandler.SchemeName;
        }

        return string.Equals(scheme, SecureApiSchemes.ApiKey, StringComparison.OrdinalIgnoreCase)
            ? SecureApiSchemes.ApiKey
            : ChallengeHandler.SchemeName;
    }
}
