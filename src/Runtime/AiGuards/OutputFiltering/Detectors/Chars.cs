namespace SecureApi.AiGuards.OutputFiltering.Detectors;

/// <summary>The character classes the scanners share (ASCII only: the shapes they look for are ASCII).</summary>
internal static class Chars
{
    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static bool IsUpper(char c) => c is >= 'A' and <= 'Z';

    public static bool IsAlphanumeric(char c) => char.IsAsciiLetterOrDigit(c);

    /// <summary>Base64url plus the standard alphabet's <c>+</c> and <c>/</c>: what tokens are made of.</summary>
    public static bool IsToken(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    /// <summary>True when <paramref name="index"/> is not inside a word: the text's edge, or a character that is not a letter, digit or underscore.</summary>
    public static bool IsBoundary(string text, int index) =>
        index < 0 || index >= text.Length || !(char.IsLetterOrDigit(text[index]) || text[index] == '_');

    /// <summary>How many characters from <paramref name="start"/> satisfy <paramref name="predicate"/>, up to <paramref name="max"/>.</summary>
    public static int RunLength(string text, int start, Func<char, bool> predicate, int max = int.MaxValue)
    {
        var i = start;
        while (i < text.Length && i - start < max && predicate(text[i]))
        {
            i++;
        }

        return i - start;
    }

    public static bool StartsWithIgnoreCase(string text, int index, string value) =>
        index >= 0 && index + value.Length <= text.Length && text.AsSpan(index, value.Length).Equals(value, StringComparison.OrdinalIgnoreCase);

    public static bool StartsWith(string text, int index, string value) =>
        index >= 0 && index + value.Length <= text.Length && text.AsSpan(index, value.Length).SequenceEqual(value);
}
