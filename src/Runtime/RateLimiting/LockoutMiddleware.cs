using Microsoft.AspNetCore.Http;

namespace SecureApi.RateLimiting;

/// <summary>
/// Right after the rate limiter, on endpoints whose policy has a lockout: a client (the policy's partition) that is
/// locked out gets the lockout's 429 before the handler runs; otherwise the handler runs with a
/// <see cref="SignInAttempt"/> feature, and afterwards a 401, a 403 or a failure the handler reported counts against the
/// client and the account it named, while a reported success forgets the account's failures.
/// </summary>
internal sealed class LockoutMiddleware(RequestDelegate next, ILockoutStore store)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (SelectedRateLimit.Of(context) is not { Policy.Lockout: { } lockout } selected)
        {
            await next(context);
            return;
        }

        var client = LockoutSubject.Client(selected.Partition);
        if (await store.LockedForAsync(client) is { } wait)
        {
            await new LockoutAnswer(selected.Policy.Name, wait).ExecuteAsync(context);
            return;
        }

        var attempt = new SignInAttempt(store, selected.Policy, lockout);
        context.Features.Set(attempt);
        await next(context);

        var status = context.Response.StatusCode;
        if (attempt.ReportedFailure || (!attempt.ReportedSuccess && status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden))
        {
            await store.FailedAsync(client, attempt.Account, lockout);
        }
        else if (attempt.ReportedSuccess && attempt.Account is { } account)
        {
            // The account's count only: an address that failed on other accounts stays suspect.
            await store.SucceededAsync(account);
        }
    }
}
