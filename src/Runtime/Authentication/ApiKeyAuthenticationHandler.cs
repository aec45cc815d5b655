using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecureApi.Authentication;

/// <summary>
/// Authenticates <c>Authorization: ApiKey &lt;key&gt;</c> (or <c>X-Api-Key</c>) against configured SHA-256 hashes,
/// compared in constant time. Keys themselves are never stored or logged.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<SecureApiOptions> secureApiOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (presented, ambiguous) = ReadKey();
        if (ambiguous)
        {
            return Task.FromResult(AuthenticateResult.Fail("Two different API keys."));
        }

        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        foreach (var credential in secureApiOptions.CurrentValue.ApiKeys)
        {
            if (Matches(credential.Sha256, hash))
            {
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(PrincipalFor(credential), SchemeName)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = SchemeName;
        return Task.CompletedTask;
    }

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

    private static bool Matches(string expectedHex, ReadOnlySpan<byte> actual)
    {
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        return expectedHex.Length == SHA256.HashSizeInBytes * 2 &&
               Convert.FromHexString(expectedHex, expected, out _, out var written) == System.Buffers.OperationStatus.Done &&
               written == expected.Length &&
               CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static ClaimsPrincipal PrincipalFor(ApiKeyCredential credential)
    {
        var identity = new ClaimsIdentity(SchemeName, "sub", ClaimTypes.Role);
        identity.AddClaim(new Claim("sub", credential.Subject));
        if (!string.IsNullOrEmpty(credential.Tenant))
        {
            identity.AddClaim(new Claim(Caller.TenantClaimType, credential.Tenant));
        }

        foreach (var role in credential.Roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        if (credential.Scopes.Count > 0)
        {
            identity.AddClaim(new Claim(Caller.ScopeClaimTypes[0], string.Join(' ', credential.Scopes)));
        }

        identity.AddClaim(new Claim(Caller.ClientKindClaimType, credential.ClientKind switch
        {
            ClientKind.User => "user",
            ClientKind.Agent => "agent",
            _ => "service",
        }));

        return new ClaimsPrincipal(identity);
    }
}
