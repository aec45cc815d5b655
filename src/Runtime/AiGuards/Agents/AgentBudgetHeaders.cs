using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SecureApi.AiGuards;

/// <summary>
/// An agent budget's <c>RateLimit-Policy</c> and <c>RateLimit</c> entries (draft-ietf-httpapi-ratelimit-headers-09),
/// appended to the list the rate limiter wrote (both headers are lists), and on a refusal <c>Retry-After</c>.
/// </summary>
internal static class AgentBudgetHeaders
{
    public static void Write(HttpResponse response, string policy, int quota, TimeSpan window, AgentCharge charge)
    {
        if (response.HasStarted)
        {
            return; // a streamed answer's headers are gone; the charge still counts
        }

        var seconds = Seconds(window);
        response.Headers.Append("RateLimit-Policy", string.Create(CultureInfo.InvariantCulture, $"\"{policy}\";q={quota};w={seconds}"));
        if (charge.Admitted)
        {
            response.Headers.Append("RateLimit", string.Create(CultureInfo.InvariantCulture, $"\"{policy}\";r={charge.Remaining};t={seconds}"));
        }
        else if (charge.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);
            response.Headers.Append("RateLimit", string.Create(CultureInfo.InvariantCulture, $"\"{policy}\";r=0;t={Seconds(wait)}"));
        }
        else
        {
            response.Headers.Append("RateLimit", string.Create(CultureInfo.InvariantCulture, $"\"{policy}\";r=0"));
        }
    }

    /// <summary>Whole seconds, rounded up: a wait rounded down would be a lie.</summary>
    private static long Seconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalSeconds));
}
