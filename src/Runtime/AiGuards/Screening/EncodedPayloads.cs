using System.Text;
using System.Text.Unicode;

namespace SecureApi.AiGuards.Screening;

/// <summary>
/// Instructions hidden by an encoding a model reads fluently: runs of base64 (standard or URL-safe), hex (plain or with
/// <c>\x</c>, <c>0x</c>, space or colon separators), percent-encoding, and the whole text in ROT13. Each run at least
/// <see cref="UntrustedTextOptions.MinEncodedLength"/> long is decoded; when the bytes are UTF-8 text it is screened by the
/// phrase and role-block rules. A long run that decodes to anything else (a key, an image) is not a hit. Linear: each
/// character starts at most one run, and a run is decoded once.
/// </summary>
internal static class EncodedPayloads
{
    public static bool Contains(string value, Func<string, bool> isInstruction, int minLength)
    {
        return Base64Runs(value, minLength, isInstruction)
            || HexRuns(value, minLength, isInstruction)
            || PercentEncoded(value, minLength, isInstruction)
            || isInstruction(Rot13(value));
    }

    private static bool Base64Runs(string value, int minLength, Func<string, bool> isInstruction)
    {
        var start = -1;
        for (var i = 0; i <= value.Length; i++)
        {
            var inRun = i < value.Length && IsBase64(value[i]);
            if (inRun && start < 0)
            {
                start = i;
            }
            else if (!inRun && start >= 0)
            {
                if (i - start >= minLength && DecodeBase64(value.AsSpan(start, i - start)) is { } text && isInstruction(text))
                {
                    return true;
                }

                start = -1;
            }
        }

        return false;
    }

    private static bool IsBase64(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' or '-' or '_';

    private static string? DecodeBase64(ReadOnlySpan<char> run)
    {
        // Normalise URL-safe characters and padding, then decode; a run that is not base64 decodes to null.
        var length = run.Length - (run.Length % 4 == 1 ? 1 : 0);
        var buffer = new char[(length + 3) / 4 * 4];
        for (var i = 0; i < length; i++)
        {
            buffer[i] = run[i] switch { '-' => '+', '_' => '/', var c => c };
        }

        for (var i = length; i < buffer.Length; i++)
        {
            buffer[i] = '=';
        }

        var bytes = new byte[buffer.Length / 4 * 3];
        return Convert.TryFromBase64Chars(buffer, bytes, out var written) ? AsText(bytes.AsSpan(0, written)) : null;
    }

    private static bool HexRuns(string value, int minLength, Func<string, bool> isInstruction)
    {
        var bytes = new List<byte>();
        var digits = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            if (i + 1 < value.Length && IsHex(value[i]) && IsHex(value[i + 1]))
            {
                bytes.Add((byte)((Hex(value[i]) << 4) | Hex(value[i + 1])));
                digits += 2;
                i++;
                // Separators between bytes: "\x", "0x", a space, a colon, a comma.
                if (i + 2 < value.Length && value[i + 1] == '\\' && value[i + 2] is 'x' or 'X')
                {
                    i += 2;
                }
                else if (i + 1 < value.Length && value[i + 1] is ' ' or ':' or ',' or '-')
                {
                    i++;
                }

                continue;
            }

            if (digits >= minLength && AsText(bytes.ToArray()) is { } text && isInstruction(text))
            {
                return true;
            }

            bytes.Clear();
            digits = 0;
        }

        return false;
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int Hex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static bool PercentEncoded(string value, int minLength, Func<string, bool> isInstruction)
    {
        if (value.Count(c => c == '%') * 3 < minLength)
        {
            return false;
        }

        var decoded = Uri.UnescapeDataString(value.Replace('+', ' '));
        return !string.Equals(decoded, value, StringComparison.Ordinal) && isInstruction(decoded);
    }

    private static string Rot13(string value) => string.Create(value.Length, value, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c switch
            {
                >= 'a' and <= 'z' => (char)('a' + ((c - 'a' + 13) % 26)),
                >= 'A' and <= 'Z' => (char)('A' + ((c - 'A' + 13) % 26)),
                _ => c,
            };
        }
    });

    /// <summary>The bytes as text when they are valid UTF-8 and mostly printable; otherwise null (binary: not a message).</summary>
    private static string? AsText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0 || !Utf8.IsValid(bytes))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var printable = text.Count(c => !char.IsControl(c) || c is '\n' or '\r' or '\t');
        return printable >= text.Length * 0.9 ? text : null;
    }
}
