using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using SecureApi.Monitoring;

namespace SecureApi.Authorization;

/// <summary>
/// ASP.NET Core's own answer to an authorisation result, with one addition: a 403 (an authenticated caller refused)
/// raises <see cref="SecurityEventKind.AuthorizationDenied"/>, naming the kind of rule that failed — never the
/// caller's roles or scopes. A 401 is not a denial: the authentication handlers report refused credentials.
/// </summary>
internal sealed class DenialReportingResultHandler(SecurityEvents events) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            events.Report(context, SecurityEventKind.AuthorizationDenied, DeniedBy(context, authorizeResult.AuthorizationFailure));
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>The failed rules' categories: <c>role</c>, <c>scope</c>, <c>client-kind</c>, <c>claim</c> or <c>policy</c>.</summary>
    internal static string DeniedBy(HttpContext context, AuthorizationFailure? failure)
    {
        if (failure is null)
        {
            return "policy";
        }

        var categories = new SortedSet<string>(StringComparer.Ordinal);
        var caller = Caller.Find(context);
        foreach (var requirement in failure.FailedRequirements)
        {
            switch (requirement)
            {
                case CallerRequirement rule when caller is not null:
                    AddFailedParts(rule, caller, categories);
                    break;
                case RolesAuthorizationRequirement:
                    categories.Add("role");
                    break;
                case ClaimsAuthorizationRequirement:
                    categories.Add("claim");
                    break;
                default:
                    categories.Add("policy");
                    break;
            }
        }

        return categories.Count == 0 ? "policy" : string.Join(',', categories);
    }

    private static void AddFailedParts(CallerRequirement rule, Caller caller, SortedSet<string> categories)
    {
        if (Array.Exists(rule.RoleSets, roles => !Array.Exists(roles, caller.IsInRole)))
        {
            categories.Add("role");
        }

        if (Array.Exists(rule.ScopeSets, scopes => !Array.Exists(scopes, caller.HasScope)))
        {
            categories.Add("scope");
        }

        if (rule.ClientKinds.Length > 0 && Array.IndexOf(rule.ClientKinds, caller.ClientKind) < 0)
        {
            categories.Add("client-kind");
        }
    }
}
