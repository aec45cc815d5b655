using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Authentication;

/// <summary>
/// Runs right after authentication, whatever the scheme: a principal that is authenticated but is not a valid
/// <see cref="Caller"/> (no subject, an unknown <c>client_kind</c>, an unreadable <c>act</c>) continues as anonymous —
/// a 401 where a caller is required — instead of reaching code that needs one (a 500, or a row with an empty owner).
/// </summary>
internal sealed class CallerRequiredMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && Caller.Find(context) is null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        return next(context);
    }
}
