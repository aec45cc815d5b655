using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace SecureApi.Authentication;

/// <summary>
/// Answers every challenge of the default scheme: 401 with one <c>WWW-Authenticate</c> per configured scheme
/// (<c>Bearer</c> when JWT is configured, <c>ApiKey</c>), and nothing about which check failed. Forbidden is a bare
/// 403; a 503 when an API key could not be checked. Requests without usable credentials are routed here to stay anonymous.
/// </summary>
internal sealed class ChallengeHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    JwtSettings jwt)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SecureApi.Challenge";

    private static readonly StringValues BearerAndApiKey = new([SecureApiSchemes.Bearer, SecureApiSchemes.ApiKey]);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Credentials no scheme accepts (an unknown scheme, a bearer token with JWT unconfigured, a token and a key at
        // once) are refused by staying anonymous; that is still a credential refused.
        if (Request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Authorization) || Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName))
        {
            SecureApi.Monitoring.SecurityEvents.ReportOn(Context, SecureApi.Monitoring.SecurityEventKind.AuthenticationFailed, "unsupported-credentials");
        }

        return Task.FromResult(AuthenticateResult.NoResult());
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // A key that could not be checked (database unavailable) is a 503, not "wrong key".
        if (ApiKeyAuthenticationHandler.TryAnswerUnavailable(Context) is { } unavailable)
        {
            return unavailable;
        }

        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = jwt.IsConfigured ? BearerAndApiKey : new StringValues(SecureApiSchemes.ApiKey);
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 403;
        return Task.CompletedTask;
    }
}
