namespace SecureApi.SecurityView;

/// <summary>
/// Marks the security view's own endpoints, the only ones whose answers a browser renders: the security headers give
/// them <see cref="ContentSecurityPolicy"/> instead of the API's <c>default-src 'none'</c>.
/// </summary>
internal sealed class SecurityViewPageMetadata
{
    public static readonly SecurityViewPageMetadata Instance = new();

    /// <summary>Scripts, styles, images and fetches from the service itself only; no inline script or style, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private SecurityViewPageMetadata()
    {
    }
}
