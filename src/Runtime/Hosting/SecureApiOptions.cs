namespace SecureApi;

/// <summary>Settings bound from the <c>SecureApi</c> configuration section.</summary>
public sealed class SecureApiOptions
{
    public const string SectionName = "SecureApi";

    /// <summary>Largest request body accepted when an endpoint does not say <c>[MaxBodySize]</c>. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Redirect HTTP to HTTPS and send HSTS outside Development. Default true.</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>API keys accepted by the <c>ApiKey</c> scheme. Only SHA-256 hashes are configured, never keys.</summary>
    public List<ApiKeyCredential> ApiKeys { get; set; } = [];

    /// <summary>Requests a partition (a caller, else a client address) may make per <see cref="RateLimitWindowSeconds"/> under the <c>per-user</c> policy.</summary>
    public int RateLimitPermits { get; set; } = 100;

    public int RateLimitWindowSeconds { get; set; } = 60;

    /// <summary>How callers authenticate (<c>SecureApi:Authentication</c>): JWT bearer settings.</summary>
    public Authentication.SecureApiAuthenticationOptions Authentication { get; set; } = new();

    /// <summary>Where resources are stored: SQLite by default, PostgreSQL when a connection string is set.</summary>
    public Data.DatabaseOptions Database { get; set; } = new();

    /// <summary>Keys for <c>[Encrypted]</c> members.</summary>
    public Data.EncryptionOptions Encryption { get; set; } = new();

    /// <summary>The key that signs list cursors.</summary>
    public Data.CursorOptions Cursors { get; set; } = new();

    /// <summary>How long <c>Idempotency-Key</c>s of generated creates are remembered.</summary>
    public Data.IdempotencyOptions Idempotency { get; set; } = new();
}
