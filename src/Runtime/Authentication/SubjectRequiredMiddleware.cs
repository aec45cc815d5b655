using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Authentication;

/// <summary>
/// Runs right after authentication, whatever the scheme: a principal that is authenticated but has no <c>sub</c> is
/// not a caller, so the request continues as anonymous (401 where a caller is required) instead of reaching code
/// that needs a subject (a 500, or a row with an empty owner).
/// </summary>
internal sealed class SubjectRequiredMiddleware(RequestDelegate next)
{
    /// <summary>The subject claim type of the claims contract.</summary>
    private const string SubjectClaimType = "sub";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && string.IsNullOrWhiteSpace(context.User.FindFirst(SubjectClaimType)?.Value))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        return next(context);
    }
}
