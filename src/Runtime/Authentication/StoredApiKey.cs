using System.Security.Cryptography;

namespace SecureApi.Authentication;

/// <summary>A key's row as authentication reads it: the hash to compare against and the identity it grants.</summary>
internal sealed record StoredApiKey(
    byte[] SecretHash,
    string Subject,
    string? Tenant,
    string[] Roles,
    string[] Scopes,
    string ClientKind,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? Tier)
{
    /// <summary>Whether <paramref name="key"/> is this key: its SHA-256 compared in constant time with the stored hash.</summary>
    public bool Matches(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        ApiKeys.Hash(key, hash);
        return CryptographicOperations.FixedTimeEquals(hash, SecretHash);
    }

    /// <summary>Not revoked and not expired at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || now < expires);
}
