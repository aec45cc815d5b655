namespace SecureApi.Transport;

/// <summary>
/// The <c>SecureApi:Cors</c> section. Cross-origin browser calls are denied unless <see cref="AllowedOrigins"/> names
/// the calling origin exactly; the other settings only apply to those origins.
/// </summary>
public sealed class CrossOriginOptions
{
    /// <summary>
    /// Origins allowed to call from a browser, each exactly <c>scheme://host[:port]</c> as browsers send it (no path, no
    /// trailing slash, no wildcard inside). <c>*</c> alone allows any origin, but never with <see cref="AllowCredentials"/>.
    /// Default: none, so no cross-origin call is allowed.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Methods a cross-origin call may use. Default: GET, POST, PUT, PATCH, DELETE.</summary>
    public List<string> AllowedMethods { get; set; } = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>
    /// Request headers a cross-origin call may send. Default: Authorization, Content-Type, If-Match, If-None-Match,
    /// Idempotency-Key. <c>X-Api-Key</c> is left out on purpose: a key in browser code is a leaked key.
    /// </summary>
    public List<string> AllowedHeaders { get; set; } = ["Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key"];

    /// <summary>Response headers browser code may read. Default: ETag, Location, Retry-After.</summary>
    public List<string> ExposedHeaders { get; set; } = ["ETag", "Location", "Retry-After"];

    /// <summary>Let browsers send cookies and HTTP authentication on cross-origin calls. Default false.</summary>
    public bool AllowCredentials { get; set; }

    /// <summary>How long a browser may cache a preflight answer. Default 600 s, so a narrowed policy takes effect soon.</summary>
    public int MaxAgeSeconds { get; set; } = 600;
}
