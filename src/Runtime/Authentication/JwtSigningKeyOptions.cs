namespace SecureApi.Authentication;

/// <summary>One key that signs JWTs: exactly one of <see cref="Symmetric"/> or <see cref="PublicKeyPem"/>.</summary>
public sealed class JwtSigningKeyOptions
{
    /// <summary>The key id tokens name in their <c>kid</c> header (optional).</summary>
    public string? Id { get; set; }

    /// <summary>A base64 HMAC secret of at least 32 bytes. For development and tests: whoever verifies can also sign.</summary>
    public string? Symmetric { get; set; }

    /// <summary>An RSA (2048 bits or more) or EC (P-256, P-384, P-521) public key, PEM-encoded. Private keys are refused.</summary>
    public string? PublicKeyPem { get; set; }
}
