using Microsoft.AspNetCore.Http;
using SecureApi.RateLimiting;

namespace SecureApi;

/// <summary>
/// For a hand-written sign-in handler (password check, token exchange) on an endpoint whose rate-limit policy has a lockout
/// (<c>sensitive</c> by default): ask <see cref="CheckAsync"/> before looking the account up, then report
/// <see cref="Failed"/> or <see cref="Succeeded"/>. Failures count per client and per account as submitted, so credential
/// stuffing from many addresses locks the account and one address trying many accounts locks the address. A 401 or 403
/// response counts as a failure without a call. On an endpoint whose policy has no lockout these do nothing.
/// </summary>
public static class SignInAttempts
{
    /// <summary>
    /// Null when <paramref name="account"/> may try; otherwise the lockout's 429 (with <c>Retry-After</c>) to return as is.
    /// Call it before any lookup: the answer is the same for an account that exists and one that does not.
    /// </summary>
    public static async ValueTask<IResult?> CheckAsync(HttpContext context, string account)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<SignInAttempt>() is not { } attempt)
        {
            return null;
        }

        attempt.Name(account);
        return attempt.Account is { } subject && await attempt.Store.LockedForAsync(subject) is { } wait
            ? new LockoutAnswer(attempt.Policy.Name, wait)
            : null;
    }

    /// <summary>The attempt failed (whatever the handler answers, a 400 included): counted against the client and <paramref name="account"/>.</summary>
    public static void Failed(HttpContext context, string account)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<SignInAttempt>() is { } attempt)
        {
            attempt.Name(account);
            attempt.ReportedFailure = true;
        }
    }

    /// <summary>The attempt succeeded: <paramref name="account"/>'s failures are forgotten (the client's are not).</summary>
    public static void Succeeded(HttpContext context, string account)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<SignInAttempt>() is { } attempt)
        {
            attempt.Name(account);
            attempt.ReportedSuccess = true;
        }
    }
}
