using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SecureApi.TestService;

/// <summary>
/// Test-only authentication: the caller is whoever <c>X-Test-Subject</c> says, with <c>X-Test-Tenant</c> and
/// comma-separated <c>X-Test-Roles</c> (as .NET's <see cref="ClaimTypes.Role"/>, the way a custom scheme often writes
/// them). The other headers add claims exactly as an identity provider might send them, to test how
/// <see cref="Caller"/> reads them: <c>X-Test-Claim-{type}</c> adds one claim of that type per <c>|</c>-separated value
/// (<c>X-Test-Claim-scope: a b|c</c> is two <c>scope</c> claims), and <c>X-Test-Act</c> adds an RFC 8693 <c>act</c>
/// claim with the header's JSON as its value. <c>X-Test-Without-Subject</c>
/// authenticates a principal that has no <c>sub</c> (as a misconfigured scheme would). Never use outside tests.
/// </summary>
public sealed class HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestHeaders";
    public const string ClaimHeaderPrefix = "X-Test-Claim-";

    /// <summary>The default scheme of the test service: test headers here, anything else to SecureApi's default scheme.</summary>
    public const string SelectorName = "TestSelector";

    public static string Select(HttpContext context) =>
        context.Request.Headers.ContainsKey("X-Test-Subject") || context.Request.Headers.ContainsKey("X-Test-Without-Subject")
            ? SchemeName
            : SecureApi.Authentication.SecureApiSchemes.Default;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.ContainsKey("X-Test-Without-Subject"))
        {
            var anonymous = new ClaimsIdentity(SchemeName, "sub", ClaimTypes.Role);
            anonymous.AddClaim(new Claim("tenant", "acme"));
            anonymous.AddClaim(new Claim("name", "no-subject"));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(anonymous), SchemeName)));
        }

        var subject = Request.Headers["X-Test-Subject"].ToString();
        if (subject.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity(SchemeName, "sub", ClaimTypes.Role);
        identity.AddClaim(new Claim("sub", subject));
        if (Request.Headers["X-Test-Tenant"].ToString() is { Length: > 0 } tenant)
        {
            identity.AddClaim(new Claim("tenant", tenant));
        }

        foreach (var role in Request.Headers["X-Test-Roles"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        foreach (var (name, values) in Request.Headers)
        {
            if (name.StartsWith(ClaimHeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var value in values.ToString().Split('|'))
                {
                    identity.AddClaim(new Claim(name[ClaimHeaderPrefix.Length..], value));
                }
            }
        }

        if (Request.Headers["X-Test-Act"].ToString() is { Length: > 0 } act)
        {
            identity.AddClaim(new Claim("act", act, "JSON"));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
