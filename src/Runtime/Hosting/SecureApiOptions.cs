namespace SecureApi;

/// <summary>Settings bound from the <c>SecureApi</c> configuration section.</summary>
public sealed class SecureApiOptions
{
    public const string SectionName = "SecureApi";

    /// <summary>Largest request body accepted when an endpoint does not say <c>[MaxBodySize]</c>. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Outside Development: redirect HTTP to HTTPS, send HSTS, and refuse (403) a request still not on HTTPS. In
    /// Development: plain HTTP only on a loopback address. Default true; false only where TLS is someone else's job.
    /// </summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>How callers authenticate (<c>SecureApi:Authentication</c>): JWT bearer and API keys.</summary>
    public Authentication.SecureApiAuthenticationOptions Authentication { get; set; } = new();

    /// <summary>Which origins may call from a browser (<c>SecureApi:Cors</c>). Default: none.</summary>
    public Transport.CrossOriginOptions Cors { get; set; } = new();

    /// <summary>Which proxies' forwarded headers are believed (<c>SecureApi:ForwardedHeaders</c>). Default: none.</summary>
    public Transport.ProxyOptions ForwardedHeaders { get; set; } = new();

    /// <summary>Requests a partition (a caller, else a client address) may make per <see cref="RateLimitWindowSeconds"/> under the <c>default</c> and <c>per-user</c> policies (anonymous callers: a fifth). Default 100.</summary>
    public int RateLimitPermits { get; set; } = 100;

    /// <summary>The window of <see cref="RateLimitPermits"/>, in seconds. Default 60.</summary>
    public int RateLimitWindowSeconds { get; set; } = 60;

    /// <summary>The concurrency guard in front of every endpoint (<c>SecureApi:LoadShedding</c>): 503 with Retry-After when saturated.</summary>
    public Hosting.LoadSheddingOptions LoadShedding { get; set; } = new();

    /// <summary>Named rate-limit policies, tiers and agents' budgets (<c>SecureApi:RateLimiting</c>).</summary>
    public RateLimiting.RateLimitingOptions RateLimiting { get; set; } = new();

    /// <summary>Where resources are stored: SQLite by default, PostgreSQL when a connection string is set.</summary>
    public Data.DatabaseOptions Database { get; set; } = new();

    /// <summary>Keys for <c>[Encrypted]</c> members.</summary>
    public Data.EncryptionOptions Encryption { get; set; } = new();

    /// <summary>The key that signs list cursors.</summary>
    public Data.CursorOptions Cursors { get; set; } = new();

    /// <summary>How long <c>Idempotency-Key</c>s of generated creates are remembered.</summary>
    public Data.IdempotencyOptions Idempotency { get; set; } = new();

    /// <summary>How long audit records are kept.</summary>
    public Auditing.AuditOptions Audit { get; set; } = new();

    /// <summary>The admin-only security page (<c>SecureApi:SecurityView</c>). Default: served in Development only.</summary>
    public SecurityView.SecurityViewOptions SecurityView { get; set; } = new();

    /// <summary>The screen of <c>[UntrustedText]</c> members (<c>SecureApi:UntrustedText</c>): rules on or off, thresholds, what a hit does.</summary>
    public AiGuards.Screening.UntrustedTextOptions UntrustedText { get; set; } = new();
    /// <summary>The output firewall's policy per kind (<c>SecureApi:OutputFilter</c>): redact (default) or refuse.</summary>
    public AiGuards.OutputFiltering.OutputFilterOptions OutputFilter { get; set; } = new();

    /// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the Scalar page (Development only unless configured).</summary>
    public OpenApi.OpenApiOptions OpenApi { get; set; } = new();
}
