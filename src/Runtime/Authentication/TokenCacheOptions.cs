namespace SecureApi.Authentication;

/// <summary>
/// The validated-token cache (<c>SecureApi:Authentication:TokenCache</c>): a bearer token presented again within its
/// lifetime is answered from a bounded cache instead of having its signature checked again.
/// </summary>
public sealed class TokenCacheOptions
{
    /// <summary>Whether successful validations are cached. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Most entries held (about a kilobyte each: the identity's claims). Default 10 000; between 1 and 1 000 000. When
    /// full, expired entries are swept and otherwise new tokens are validated without being remembered.
    /// </summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>
    /// Longest an entry is used, however long its token lives (it never outlives the token's <c>exp</c>). Default
    /// 5 minutes; between 1 second and 1 hour.
    /// </summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
