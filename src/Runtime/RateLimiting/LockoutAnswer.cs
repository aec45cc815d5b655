using System.Globalization;
using Microsoft.AspNetCore.Http;
using SecureApi.Infrastructure;

namespace SecureApi.RateLimiting;

/// <summary>
/// The 429 for a locked-out client or account: one answer for both, built only from the policy and the wait, so nothing
/// in it (status, body, headers) tells a known account from an unknown one. <c>Retry-After</c> is the rest of the
/// lockout rounded up to whole seconds, so a retry after it is not refused by the lockout.
/// </summary>
internal sealed class LockoutAnswer(string policy, TimeSpan wait) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        httpContext.Response.Headers.RetryAfter = seconds;

        // The rate limiter wrote the remaining budget; while locked out there is none until the lockout ends.
        httpContext.Response.Headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"\"{policy}\";r=0;t={seconds}");
        return Problems.ForStatus(StatusCodes.Status429TooManyRequests).ExecuteAsync(httpContext);
    }
}
