namespace SecureApi.Text;

/// <summary>
/// The characters a reader does not see but a model reads, in one place: screening detects them
/// (<c>InvisibleCharacters</c>, which allows the joiners scripts and emoji need) and the prompt envelope strips them
/// (<c>ContentNeutraliser</c>). The class is shared; what each does with it differs.
/// </summary>
internal static class InvisibleCharacterClass
{
    /// <summary>Bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069): Trojan Source.</summary>
    public static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>The left-to-right and right-to-left marks (U+200E, U+200F): invisible, but ordinary in bidirectional text.</summary>
    public static bool IsDirectionMark(char c) => c is '\u200E' or '\u200F';

    /// <summary>Zero-width space, non-joiner and joiner (U+200B–200D), word joiner and invisible operators (U+2060–2064), BOM (U+FEFF), Mongolian vowel separator (U+180E).</summary>
    public static bool IsZeroWidth(char c) => c is (>= '\u200B' and <= '\u200D') or (>= '\u2060' and <= '\u2064') or '\uFEFF' or '\u180E';

    /// <summary>The joiners scripts and emoji sequences need (ZWNJ in Persian, ZWJ in 👨‍👩‍👧).</summary>
    public static bool IsJoiner(char c) => c is '\u200C' or '\u200D';

    /// <summary>Unicode tag characters (U+E0000–E007F): ASCII hidden in plain sight, unless they spell a subdivision flag.</summary>
    public static bool IsTag(int codePoint) => codePoint is >= 0xE0000 and <= 0xE007F;

    /// <summary>A tag character's surrogate pair starting at <paramref name="index"/>.</summary>
    public static bool IsTagPair(string text, int index) =>
        text[index] == '\uDB40' && index + 1 < text.Length && text[index + 1] is >= '\uDC00' and <= '\uDC7F';

    /// <summary>Every invisible character of one UTF-16 unit: zero-width, bidi controls and marks, and the soft hyphen.</summary>
    public static bool IsInvisible(char c) => c == '\u00AD' || IsZeroWidth(c) || IsBidiControl(c) || IsDirectionMark(c);
}
