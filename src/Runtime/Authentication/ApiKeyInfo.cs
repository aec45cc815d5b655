namespace SecureApi.Authentication;

/// <summary>A stored API key as lists show it: never the key, never its hash. <see cref="Tier"/> is the rate-limit tier (<c>SecureApi:RateLimiting:Tiers</c>) its requests get, or null.</summary>
public sealed record ApiKeyInfo(
    string Id,
    string Subject,
    string? Tenant,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Scopes,
    ClientKind Kind,
    string Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? Tier = null);
