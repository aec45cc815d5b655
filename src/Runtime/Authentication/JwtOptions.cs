namespace SecureApi.Authentication;

/// <summary>
/// JWT bearer settings (<c>SecureApi:Authentication:Jwt</c>). JWT is on when <see cref="Authority"/> or
/// <see cref="SigningKeys"/> is set; every other value has a strict default that only an explicit setting changes.
/// </summary>
public sealed class JwtOptions
{
    /// <summary>The OpenID Connect issuer URL (HTTPS). Its discovery document and JWKS supply the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>Keys that sign tokens, when there is no <see cref="Authority"/>: symmetric (development, tests) or RSA/EC public keys.</summary>
    public List<JwtSigningKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>
    /// Accept symmetric <see cref="SigningKeys"/> outside Development. Default false: whoever holds a symmetric key can
    /// verify and also mint tokens, so every service that checks tokens could forge them.
    /// </summary>
    public bool AllowSymmetricKeys { get; set; }

    /// <summary>Accepted <c>iss</c> values. Required with <see cref="SigningKeys"/>; with an <see cref="Authority"/> the discovery document's issuer is accepted too.</summary>
    public List<string> Issuers { get; set; } = [];

    /// <summary>Accepted <c>aud</c> values. Required.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>Accepted <c>alg</c> values. Default: derived from the key types (HS* for symmetric keys, RS*/PS* for RSA, ES* by curve; RS*/PS*/ES* with an authority).</summary>
    public List<string> Algorithms { get; set; } = [];

    /// <summary>Accepted <c>typ</c> header values, compared ignoring case. Default <c>at+jwt</c> and <c>application/at+jwt</c> (RFC 9068).</summary>
    public List<string> TokenTypes { get; set; } = [];

    /// <summary>Longest accepted token lifetime: refused when <c>exp - iat</c> or <c>exp - now</c> exceeds it. Default 1 hour.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tolerated clock difference for <c>exp</c>, <c>nbf</c> and <c>iat</c>. Default 30 seconds; at most 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the authority's metadata and keys are fetched again. Default 12 hours; at least 5 minutes.</summary>
    public TimeSpan AutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Least time between two fetches caused by a token whose <c>kid</c> is unknown. Default 5 minutes; at least 1 second.</summary>
    public TimeSpan MinimumRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}
