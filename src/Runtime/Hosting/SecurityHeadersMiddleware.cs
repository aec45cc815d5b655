using Microsoft.AspNetCore.Http;

namespace SecureApi.Hosting;

/// <summary>
/// Headers for a JSON API that no browser should render, frame, sniff or cache. Set before the response starts,
/// so error responses carry them too.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // The security view is the one thing a browser renders: its routes alone may load script and style from
            // the service itself; everything else stays closed.
            // The OpenAPI reference page (Development by default) likewise has its own, on its routes only.
            var metadata = context.GetEndpoint()?.Metadata;
            headers.ContentSecurityPolicy =
                metadata?.GetMetadata<SecureApi.SecurityView.SecurityViewPageMetadata>() is not null ? SecureApi.SecurityView.SecurityViewPageMetadata.ContentSecurityPolicy
                : SecureApi.OpenApi.ReferencePageFeature.IsSupported && metadata?.GetMetadata<SecureApi.OpenApi.ReferencePageMetadata>() is not null ? SecureApi.OpenApi.ReferencePageMetadata.ContentSecurityPolicyFor(context)
                : "default-src 'none'; frame-ancestors 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (!headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
