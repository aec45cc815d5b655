using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Authorization;

/// <summary>
/// Admits a request whose <see cref="Caller"/> meets the endpoint's <see cref="CallerRequirement"/>. A failure carries
/// no reason: the answer (401 without an authenticated caller, 403 otherwise) never says which check failed.
/// </summary>
internal sealed class CallerRequirementHandler : AuthorizationHandler<CallerRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CallerRequirement requirement)
    {
        // The authorisation middleware passes the HttpContext as the resource; Caller.Find caches its reading there.
        var caller = context.Resource is HttpContext http ? Caller.Find(http) : Caller.Read(context.User);
        if (caller is not null && requirement.IsMetBy(caller))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
