using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecureApi.Authentication;

/// <summary>
/// The default scheme: picks the scheme that reads a request's credentials (<see cref="SchemeSelector"/>) and
/// authenticates with it, except that a repeat bearer token the validated-token cache can answer is answered here
/// (<see cref="BearerFastPath"/>). Challenges and forbids go to <see cref="ChallengeHandler"/> (the scheme's
/// ForwardChallenge and ForwardForbid).
/// </summary>
internal sealed class DefaultSchemeHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    JwtSettings jwt,
    IOptionsMonitor<JwtBearerOptions> bearer)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var scheme = SchemeSelector.Select(Context);
        if (ReferenceEquals(scheme, SecureApiSchemes.Bearer) &&
            await BearerFastPath.TryAuthenticateAsync(Context, bearer.Get(SecureApiSchemes.Bearer), jwt).ConfigureAwait(false) is { } answered)
        {
            return answered;
        }

        // As the policy scheme this handler replaces did: the chosen scheme's own result, ticket and events.
        return await Context.AuthenticateAsync(scheme).ConfigureAwait(false);
    }
}
