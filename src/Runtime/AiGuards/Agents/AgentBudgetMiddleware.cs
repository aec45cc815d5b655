using Microsoft.AspNetCore.Http;
using SecureApi.Infrastructure;

namespace SecureApi.AiGuards;

/// <summary>
/// Every request of an agent spends one of its request budget (<c>SecureApi:Agents:Requests</c> per
/// <c>WindowSeconds</c>), after the rate limiter has admitted it: over budget, 429 ProblemDetails with <c>Retry-After</c>
/// and the budget's RateLimit entries. Endpoints with <c>[DisableRateLimiting]</c> spend nothing, as with every limit.
/// </summary>
internal sealed class AgentBudgetMiddleware(RequestDelegate next, AgentBudget budget)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (AgentIdentity.KeyOf(Caller.Find(context)) is { } agent
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.DisableRateLimitingAttribute>() is null
            && !(await budget.ChargeRequestAsync(context, agent)).Admitted)
        {
            await Problems.ForStatus(StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
