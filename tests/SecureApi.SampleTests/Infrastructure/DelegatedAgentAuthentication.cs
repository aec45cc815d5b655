using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecureApi.SampleTests.Infrastructure;

/// <summary>
/// Test-only: the principal an identity provider's token exchange (RFC 8693) would give agent <c>agent-7</c> acting for
/// the user named in <c>X-Test-Act-For</c>: <c>sub</c> the user, <c>act</c> <c>{"sub":"agent-7"}</c>, no
/// <c>client_kind</c> (the <c>act</c> claim makes it an agent), tenant <c>matrix</c> and the people's scopes. API keys
/// cannot express a delegation; once the sample accepts JWTs this becomes a token.
/// </summary>
public sealed class DelegatedAgentAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestDelegatedAgent";
    public const string HeaderName = "X-Test-Act-For";
    public const string AgentId = "agent-7";

    /// <summary>
    /// Makes <paramref name="services"/> authenticate a request carrying <see cref="HeaderName"/> with this scheme and any
    /// other with the sample's own default (API keys), whose challenge still answers 401.
    /// </summary>
    public static void AddTo(IServiceCollection services) =>
        services.AddAuthentication(options => options.DefaultScheme = "TestSelector")
            .AddScheme<AuthenticationSchemeOptions, DelegatedAgentAuthentication>(SchemeName, null)
            .AddPolicyScheme("TestSelector", null, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(HeaderName) ? SchemeName : Authentication.ApiKeyAuthenticationHandler.SchemeName);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers[HeaderName].ToString();
        if (user.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity(SchemeName, "sub", "role");
        identity.AddClaim(new Claim("sub", user));
        identity.AddClaim(new Claim("tenant", "matrix"));
        identity.AddClaim(new Claim("scope", string.Join(' ', TestCaller.PersonScopes)));
        identity.AddClaim(new Claim("act", $$"""{"sub":"{{AgentId}}"}""", "JSON"));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
