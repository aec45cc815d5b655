using System.Security.Cryptography;

namespace SecureApi.Authentication;

/// <summary>
/// The text of a minted key: <c>sak_</c>, a 16-character id, <c>_</c>, a 43-character secret (base62, 256 bits, as
/// 32 random bytes) and a 6-character base62 CRC-32 of everything before it — 70 characters. The fixed prefix lets secret
/// scanners find leaked keys; the checksum lets them (and the handler) tell a key from a typo without asking anyone.
/// </summary>
internal static class ApiKeyFormat
{
    public const string Prefix = "sak_";
    public const int IdLength = 16;
    public const int SecretLength = 43;
    public const int ChecksumLength = 6;
    public const int Length = 4 + IdLength + 1 + SecretLength + ChecksumLength;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly System.Buffers.SearchValues<char> s_base62 = System.Buffers.SearchValues.Create(Alphabet);
    private const int IdStart = 4;
    private const int SecretStart = IdStart + IdLength + 1;
    private const int ChecksumStart = SecretStart + SecretLength;

    /// <summary>A new key and its id, from the operating system's cryptographic random generator.</summary>
    public static (string Id, string Key) Create()
    {
        var id = RandomNumberGenerator.GetString(Alphabet, IdLength);
        var body = Prefix + id + "_" + RandomNumberGenerator.GetString(Alphabet, SecretLength);
        return (id, body + Checksum(body));
    }

    /// <summary>
    /// True, with the id, for text that has this format exactly (prefix, length, separator, charset, checksum); the
    /// checks cost no I/O, so anything else is refused before the database is asked.
    /// </summary>
    public static bool TryParse(string text, out string id)
    {
        id = "";
        if (text.Length != Length || !text.StartsWith(Prefix, StringComparison.Ordinal) || text[SecretStart - 1] != '_')
        {
            return false;
        }

        if (!IsBase62(text.AsSpan(IdStart, IdLength)) || !IsBase62(text.AsSpan(SecretStart)))
        {
            return false;
        }

        if (!text.AsSpan(ChecksumStart).SequenceEqual(Checksum(text.AsSpan(0, ChecksumStart))))
        {
            return false;
        }

        id = text.Substring(IdStart, IdLength);
        return true;
    }

    /// <summary>Whether <paramref name="id"/> could be a key id (what <c>keys revoke</c> and the admin endpoint accept).</summary>
    public static bool IsId(string id) => id.Length == IdLength && IsBase62(id);

    private static bool IsBase62(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(s_base62);

    /// <summary>The CRC-32 (IEEE, as secret scanners compute it) of the ASCII text, in 6 base62 digits (62^6 &gt; 2^32).</summary>
    private static string Checksum(ReadOnlySpan<char> text)
    {
        Span<byte> ascii = stackalloc byte[Length];
        var bytes = ascii[..System.Text.Encoding.ASCII.GetBytes(text, ascii)];
        var crc = System.IO.Hashing.Crc32.HashToUInt32(bytes);
        Span<char> digits = stackalloc char[ChecksumLength];
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            digits[i] = Alphabet[(int)(crc % 62)];
            crc /= 62;
        }

        return new string(digits);
    }
}
