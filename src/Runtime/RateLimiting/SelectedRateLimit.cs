namespace SecureApi.RateLimiting;

/// <summary>
/// What the global limiter chose for a request, kept in <c>HttpContext.Items[typeof(SelectedRateLimit)]</c> for the
/// RateLimit headers and the lockout: the policy, its permits after tier and client kind, and the partition (who shares the budget).
/// </summary>
internal sealed record SelectedRateLimit(RateLimitPolicy Policy, int Permits, string Partition)
{
    public static SelectedRateLimit? Of(Microsoft.AspNetCore.Http.HttpContext context) =>
        context.Items.TryGetValue(typeof(SelectedRateLimit), out var selected) ? selected as SelectedRateLimit : null;
}
