using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Data;
using SecureApi.Infrastructure;
using SecureApi.Monitoring;

namespace SecureApi.Authentication;

/// <summary>
/// Authenticates <c>Authorization: ApiKey &lt;key&gt;</c> (or <c>X-Api-Key</c>): first against the static keys in
/// configuration, then — for a key in the minted format whose checksum holds — against its row in the database, read
/// on every request (no cache, so a revocation is seen at once). Hashes are compared in constant time; keys themselves
/// are never stored or logged. A key that cannot be checked because the database is unavailable is a 503, not a 401:
/// the key may be fine, and a client told "wrong key" might throw it away.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<SecureApiOptions> secureApiOptions,
    ApiKeys keys,
    SecureApiDatabase database)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    private static readonly object s_unavailable = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (presented, ambiguous) = ReadKey();
        if (ambiguous)
        {
            return Refuse("ambiguous-key", "Two different API keys.");
        }

        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (StaticApiKeys.Find(secureApiOptions.CurrentValue.Authentication.ApiKeys.Static, presented) is { } configured)
        {
            return Success(ApiKeyPrincipal.For(configured));
        }

        // Everything that is not a well-formed minted key is refused here, before any I/O.
        if (!keys.IsAvailable || !ApiKeyFormat.TryParse(presented, out var id))
        {
            return Refuse(keys.IsAvailable ? "malformed-key" : "unknown-key", "Invalid API key.");
        }

        StoredApiKey? stored;
        try
        {
            stored = await keys.FindForAuthenticationAsync(id, Context.RequestAborted);
        }
        catch (Exception exception) when (EndpointFailures.IsDatabaseUnavailable(exception))
        {
            database.Outage.Refused(exception); // logged once per outage, as every other refusal
            Context.Items[s_unavailable] = true;
            return AuthenticateResult.Fail("The API key could not be checked: the database is unavailable.");
        }

        if (stored is null || !stored.Matches(presented))
        {
            return Refuse("unknown-key", "Invalid API key.");
        }

        if (!stored.IsActive(keys.Time.GetUtcNow()))
        {
            return Refuse(stored.RevokedAt is null ? "expired-key" : "revoked-key", "Invalid API key.");
        }

        return Success(ApiKeyPrincipal.For(id, stored));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (TryAnswerUnavailable(Context) is { } unavailable)
        {
            return unavailable;
        }

        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = SchemeName;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The 503 for a request whose key could not be checked because the database is unavailable, or null. Whichever
    /// handler answers the challenge (this one, or the default scheme's) asks here first.
    /// </summary>
    internal static Task? TryAnswerUnavailable(HttpContext context)
    {
        if (!context.Items.ContainsKey(s_unavailable))
        {
            return null;
        }

        context.Response.StatusCode = 503;
        context.Response.Headers.RetryAfter = "5";
        return Problems.Unavailable().ExecuteAsync(context);
    }

    /// <summary>
    /// Refuses the key and raises <see cref="SecurityEventKind.AuthenticationFailed"/> with the reason's category only.
    /// The handler authenticates once per request (ASP.NET Core keeps its result), so the event fires once.
    /// </summary>
    private AuthenticateResult Refuse(string category, string message)
    {
        SecurityEvents.ReportOn(Context, SecurityEventKind.AuthenticationFailed, category);
        return AuthenticateResult.Fail(message);
    }

    private static AuthenticateResult Success(ClaimsPrincipal principal) => AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));

    /// <summary>The presented key (null when there is none), or ambiguous when the two headers carry different keys.</summary>
    private (string? Key, bool Ambiguous) ReadKey()
    {
        var authorization = Request.Headers.Authorization.ToString();
        var fromAuthorization = authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase)
            ? authorization[(SchemeName.Length + 1)..].Trim()
            : null;
        var fromHeader = Request.Headers[HeaderName].ToString() is { Length: > 0 } header ? header : null;

        // A request that names two different keys is refused rather than resolved: which one "wins" is a guess.
        if (fromAuthorization is not null && fromHeader is not null && !string.Equals(fromAuthorization, fromHeader, StringComparison.Ordinal))
        {
            return (null, true);
        }

        return (fromAuthorization is null ? fromHeader : fromAuthorization is { Length: > 0 } ? fromAuthorization : null, false);
    }
}
