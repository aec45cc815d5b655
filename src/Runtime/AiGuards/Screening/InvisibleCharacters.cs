using SecureApi.Text;

namespace SecureApi.AiGuards.Screening;

/// <summary>
/// Characters a reader does not see but a model reads, scanned in the original value: bidirectional embeddings,
/// overrides and isolates (U+202A–202E, U+2066–2069: Trojan Source), Unicode tag characters (U+E0000–E007F: text hidden
/// in plain sight) outside an emoji flag sequence (🏴 + tags + cancel tag), and zero-width characters inside a Latin
/// word (U+200B–200D, U+2060–2064, U+FEFF, U+180E). Joiners where scripts and emoji need them (Persian ZWNJ, family
/// emoji ZWJ) are left alone.
/// </summary>
internal static class InvisibleCharacters
{
    private const int BlackFlag = 0x1F3F4;
    private const int CancelTag = 0xE007F;

    public static bool Contains(string value)
    {
        var flagTags = false; // inside 🏴's tag sequence
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, value[i + 1]);
                i++;
                if (codePoint == BlackFlag)
                {
                    flagTags = true;
                    continue;
                }

                if (InvisibleCharacterClass.IsTag(codePoint))
                {
                    if (!flagTags)
                    {
                        return true;
                    }

                    flagTags = codePoint != CancelTag;
                    continue;
                }

                flagTags = false;
                continue;
            }

            flagTags = false;
            if (InvisibleCharacterClass.IsBidiControl(c))
            {
                return true;
            }

            if (InvisibleCharacterClass.IsZeroWidth(c) && !(c == '\uFEFF' && i == 0)) // a BOM at the start is an encoding mark
            {
                if (IsLatinLetter(value, i - 1) && IsLatinLetter(value, i + 1))
                {
                    return true; // in the middle of a word: splits "ignore" so a filter misses it
                }

                if (!InvisibleCharacterClass.IsJoiner(c) && c != '\uFEFF')
                {
                    return true; // a zero-width space or word joiner has no business in prose
                }
            }
        }

        return false;
    }

    private static bool IsLatinLetter(string value, int index) =>
        index >= 0 && index < value.Length && value[index] is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
