using Microsoft.AspNetCore.Http;
using Scalar.AspNetCore;

namespace SecureApi.OpenApi;

/// <summary>Marks the reference page's routes: the security headers give them <see cref="ContentSecurityPolicyFor"/>.</summary>
internal sealed class ReferencePageMetadata
{
    public static readonly ReferencePageMetadata Instance = new();

    private ReferencePageMetadata()
    {
    }

    /// <summary>
    /// Scripts from the service itself, plus the page's one inline script by the nonce Scalar put on it for this
    /// response (no <c>'unsafe-inline'</c> script); Scalar styles its components at run time, so inline style is allowed
    /// on these routes only; fetches go to the service alone; no framing, no forms, no base.
    /// </summary>
    public static string ContentSecurityPolicyFor(HttpContext context) =>
        "default-src 'none'; script-src 'self'" + (context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce ? $" 'nonce-{nonce}'" : "") +
        "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}
