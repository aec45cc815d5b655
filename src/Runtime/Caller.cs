using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace SecureApi;

/// <summary>
/// The authenticated identity behind a request, resolved once from the validated <see cref="ClaimsPrincipal"/>.
/// Take it as an endpoint parameter; it is never read from the request body, query or route.
/// </summary>
public sealed class Caller
{
    /// <summary>Claim types read, in order, for the subject.</summary>
    public static readonly string[] SubjectClaimTypes = ["sub", ClaimTypes.NameIdentifier];

    /// <summary>Claim type read for the tenant.</summary>
    public const string TenantClaimType = "tenant";

    private Caller(ClaimsPrincipal principal, string subject, string? tenant)
    {
        Principal = principal;
        Subject = subject;
        Tenant = tenant;
    }

    /// <summary>The caller's stable subject identifier (the <c>sub</c> claim).</summary>
    public string Subject { get; }

    /// <summary>The caller's tenant (the <c>tenant</c> claim), if any.</summary>
    public string? Tenant { get; }

    public ClaimsPrincipal Principal { get; }

    public bool IsInRole(string role) => Principal.IsInRole(role);

    /// <summary>The caller of an authenticated request, or <c>null</c> when the request is anonymous.</summary>
    public static Caller? Find(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(typeof(Caller), out var cached))
        {
            return (Caller?)cached;
        }

        var principal = context.User;
        Caller? caller = null;
        if (principal.Identity?.IsAuthenticated == true && FindSubject(principal) is { } subject)
        {
            caller = new Caller(principal, subject, principal.FindFirst(TenantClaimType)?.Value);
        }

        context.Items[typeof(Caller)] = caller;
        return caller;
    }

    /// <summary>The caller of a request that authorisation has already admitted; throws if there is none.</summary>
    public static Caller From(HttpContext context) =>
        Find(context) ?? throw new InvalidOperationException("The endpoint requires an authenticated caller with a subject claim.");

    private static string? FindSubject(ClaimsPrincipal principal)
    {
        foreach (var type in SubjectClaimTypes)
        {
            if (principal.FindFirst(type)?.Value is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }
}
