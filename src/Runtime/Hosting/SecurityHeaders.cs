using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace SecureApi.Hosting;

/// <summary>
/// The security headers every response carries, as values built once. Written straight into the response headers when
/// the request enters the pipeline — no response-start callback per request — and written again by the framework's
/// own code wherever it clears a response to answer an error (the exception handler, a generated handler's failure path).
/// </summary>
internal static class SecurityHeaders
{
    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues Deny = "DENY";
    private static readonly StringValues ClosedPolicy = "default-src 'none'; frame-ancestors 'none'";
    private static readonly StringValues SecurityViewPolicy = SecureApi.SecurityView.SecurityViewPageMetadata.ContentSecurityPolicy;
    private static readonly StringValues NoReferrer = "no-referrer";
    private static readonly StringValues SameOrigin = "same-origin";
    private static readonly StringValues NoStore = "no-store";

    /// <summary>
    /// Sets the headers on a response that has not started. <c>Cache-Control: no-store</c> is a default: an endpoint
    /// that sets its own later replaces it.
    /// </summary>
    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = NoSniff;
        headers.XFrameOptions = Deny;
        headers.ContentSecurityPolicy = PolicyFor(context);
        headers["Referrer-Policy"] = NoReferrer;
        headers["Cross-Origin-Resource-Policy"] = SameOrigin;
        if (StringValues.IsNullOrEmpty(headers.CacheControl))
        {
            headers.CacheControl = NoStore;
        }
    }

    // The security view is the one thing a browser renders: its routes alone may load script and style from the
    // service itself. The OpenAPI reference page (Development by default) has its own policy, whose script nonce Scalar
    // chooses while it answers: only there is the header written when the response starts.
    private static StringValues PolicyFor(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata is not { Count: > 0 } metadata)
        {
            return ClosedPolicy;
        }

        if (metadata.GetMetadata<SecureApi.SecurityView.SecurityViewPageMetadata>() is not null)
        {
            return SecurityViewPolicy;
        }

        if (SecureApi.OpenApi.ReferencePageFeature.IsSupported && metadata.GetMetadata<SecureApi.OpenApi.ReferencePageMetadata>() is not null)
        {
            context.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                context.Response.Headers.ContentSecurityPolicy = SecureApi.OpenApi.ReferencePageMetadata.ContentSecurityPolicyFor(context);
                return Task.CompletedTask;
            }, context);
        }

        return ClosedPolicy;
    }
}
