using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using SecureApi.Monitoring;

namespace SecureApi.Authentication;

/// <summary>
/// SecureApi's JwtBearer events: OnTokenValidated applies <see cref="AccessTokenRules"/>, OnAuthenticationFailed
/// reports the refusal. OnMessageReceived stays JwtBearer's no-op, so the token is read from the Authorization header
/// only (never a query string or cookie). <see cref="IsAsMade"/> tells <see cref="BearerFastPath"/> whether the
/// application has since put its own code in the events a cache hit would skip.
/// </summary>
internal sealed class SecureApiJwtBearerEvents : JwtBearerEvents
{
    private readonly Func<MessageReceivedContext, Task> _messageReceived;
    private readonly Func<TokenValidatedContext, Task> _tokenValidated;

    public SecureApiJwtBearerEvents(JwtSettings settings)
    {
        OnTokenValidated = context => TokenValidatedAsync(context, settings);
        OnAuthenticationFailed = AuthenticationFailedAsync;
        _messageReceived = OnMessageReceived;
        _tokenValidated = OnTokenValidated;
    }

    /// <summary>True while the events a successful validation raises are still the ones made here.</summary>
    public bool IsAsMade => ReferenceEquals(OnMessageReceived, _messageReceived) && ReferenceEquals(OnTokenValidated, _tokenValidated);

    private static Task TokenValidatedAsync(TokenValidatedContext context, JwtSettings settings)
    {
        var now = context.Options.TimeProvider?.GetUtcNow() ?? DateTimeOffset.UtcNow;
        var refusal = context.SecurityToken is JsonWebToken token
            ? AccessTokenRules.Check(token, settings, now)
            : "The token is not a JWS.";
        if (refusal is not null)
        {
            // JwtBearer does not call OnAuthenticationFailed for a failure set here: this is its one report.
            SecurityEvents.ReportOn(context.HttpContext, SecurityEventKind.AuthenticationFailed, JwtFailureCategory.RuleBroken);
            context.Fail(refusal);
        }

        return Task.CompletedTask;
    }

    /// <summary>Once per request: JwtBearer keeps the scheme's result, so a refused token is validated (and reported) once.</summary>
    private static Task AuthenticationFailedAsync(AuthenticationFailedContext context)
    {
        SecurityEvents.ReportOn(context.HttpContext, SecurityEventKind.AuthenticationFailed, JwtFailureCategory.Of(context.Exception));
        return Task.CompletedTask;
    }
}
