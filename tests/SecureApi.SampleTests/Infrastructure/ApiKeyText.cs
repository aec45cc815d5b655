namespace SecureApi.SampleTests.Infrastructure;

/// <summary>
/// The documented key format, written out independently of the runtime: <c>sak_</c> + 16-character id + <c>_</c> +
/// 43-character secret + 6-character base62 CRC-32 (IEEE) of everything before it.
/// </summary>
public static class ApiKeyText
{
    public const int Length = 70;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Id(string key) => key.Substring(4, 16);

    public static string Secret(string key) => key.Substring(21, 43);

    /// <summary><paramref name="body"/> (a key without its checksum) with a correct checksum appended.</summary>
    public static string WithChecksum(string body) => body + Checksum(body);

    /// <summary>A key with the same id and a different secret, whose checksum is correct: well-formed, but not the key.</summary>
    public static string OtherSecret(string key) =>
        WithChecksum(key[..21] + new string(key.Substring(21, 43).Select(c => c == 'a' ? 'b' : 'a').ToArray()));

    /// <summary>Each way a presented key can be malformed, from a valid <paramref name="key"/>.</summary>
    public static TheoryData<string> MalformationNames => new()
    {
        "another prefix", "upper-case prefix", "one character short", "one character long", "a character outside base62",
        "separator replaced", "checksum off by one character", "checksum of another key", "whitespace inside",
    };

    public static string Malformed(string key, string how) => how switch
    {
        "another prefix" => WithChecksum("sk__" + key[4..64]),
        "upper-case prefix" => WithChecksum("SAK_" + key[4..64]),
        "one character short" => WithChecksum(key[..63]),
        "one character long" => WithChecksum(key[..64] + "a"),
        "a character outside base62" => WithChecksum(key[..30] + "-" + key[31..64]),
        "separator replaced" => WithChecksum(key[..20] + "a" + key[21..64]),
        "checksum off by one character" => key[..69] + (key[69] == 'a' ? 'b' : 'a'),
        "checksum of another key" => key[..64] + Checksum(OtherSecret(key)[..64]),
        "whitespace inside" => WithChecksum(key[..30] + " " + key[31..64]),
        _ => throw new ArgumentException(how, nameof(how)),
    };

    private static string Checksum(string text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in text)
        {
            crc ^= (byte)c;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        crc ^= 0xFFFFFFFFu;
        var digits = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            digits[i] = Alphabet[(int)(crc % 62)];
            crc /= 62;
        }

        return new string(digits);
    }
}
