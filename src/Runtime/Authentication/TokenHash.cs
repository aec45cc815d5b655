using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace SecureApi.Authentication;

/// <summary>
/// SHA-256 of a bearer token's text: the validated-token cache's key, so the cache never holds a usable token and two
/// tokens share an entry only if SHA-256 collides.
/// </summary>
internal readonly struct TokenHash : IEquatable<TokenHash>
{
    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    private TokenHash(ReadOnlySpan<ulong> words)
    {
        _a = words[0];
        _b = words[1];
        _c = words[2];
        _d = words[3];
    }

    public static TokenHash Of(string token) => Of(token.AsSpan());

    /// <summary>Of a token still inside its header: the same hash as of the token's own string, with no copy made.</summary>
    public static TokenHash Of(ReadOnlySpan<char> token)
    {
        // The UTF-16 bytes as they are: no encoding step, and as collision-resistant a key as any other encoding.
        Span<ulong> words = stackalloc ulong[4];
        SHA256.HashData(MemoryMarshal.AsBytes(token), MemoryMarshal.AsBytes(words));
        return new TokenHash(words);
    }

    public bool Equals(TokenHash other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is TokenHash other && Equals(other);

    // SHA-256 output is uniform; only validated tokens are ever stored, so no one can aim entries at one bucket.
    public override int GetHashCode() => (int)_a;
}
