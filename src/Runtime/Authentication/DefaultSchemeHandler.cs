using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SecureApi.Authentication;

/// <summary>
/// The default scheme: picks the scheme that reads a request's credentials (<see cref="SchemeSelector"/>) and
/// authenticates with it, except that a repeat bearer token the validated-token cache can answer is answered here
/// (<see cref="BearerFastPath"/>). Challenges and forbids go to <see cref="ChallengeHandler"/>. A bare
/// <see cref="IAuthenticationHandler"/>: it has no options, events or log of its own to set up for each request.
/// </summary>
internal sealed class DefaultSchemeHandler(JwtSettings jwt, IOptionsMonitor<JwtBearerOptions> bearer) : IAuthenticationHandler
{
    private HttpContext _context = null!;
    private Task<AuthenticateResult>? _result;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _context = context;
        return Task.CompletedTask;
    }

    /// <summary>Once per request, as any scheme: asked again (by authorization, say), it answers the same.</summary>
    public Task<AuthenticateResult> AuthenticateAsync() => _result ??= Authenticate();

    public Task ChallengeAsync(AuthenticationProperties? properties) => _context.ChallengeAsync(ChallengeHandler.SchemeName, properties);

    public Task ForbidAsync(AuthenticationProperties? properties) => _context.ForbidAsync(ChallengeHandler.SchemeName, properties);

    private Task<AuthenticateResult> Authenticate()
    {
        var scheme = SchemeSelector.Select(_context);
        if (!ReferenceEquals(scheme, SecureApiSchemes.Bearer))
        {
            return _context.AuthenticateAsync(scheme);
        }

        var answering = BearerFastPath.TryAuthenticateAsync(_context, bearer.Get(SecureApiSchemes.Bearer), jwt);
        if (!answering.IsCompletedSuccessfully)
        {
            return AwaitedAsync(answering);
        }

        // As the policy scheme this handler replaces did: the chosen scheme's own result, ticket and events.
        return answering.Result is { } answered ? Task.FromResult(answered) : _context.AuthenticateAsync(scheme);
    }

    // Only while an authority's keys are being fetched.
    private async Task<AuthenticateResult> AwaitedAsync(ValueTask<AuthenticateResult?> answering) =>
        await answering.ConfigureAwait(false) ?? await _context.AuthenticateAsync(SecureApiSchemes.Bearer).ConfigureAwait(false);
}
