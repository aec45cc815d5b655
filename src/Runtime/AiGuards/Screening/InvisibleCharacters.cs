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

                if (codePoint is >= 0xE0000 and <= 0xE007F)
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
            switch (c)
            {
                case >= '\u202A' and <= '\u202E':
                case >= '\u2066' and <= '\u2069':
                    return true;
                case >= '\u200B' and <= '\u200D':
                case >= '\u2060' and <= '\u2064':
                case '\uFEFF' when i > 0:
                case '\u180E':
                    if (IsLatinLetter(value, i - 1) && IsLatinLetter(value, i + 1))
                    {
                        return true; // in the middle of a word: splits "ignore" so a filter misses it
                    }

                    if (c is not ('\u200C' or '\u200D') && c != '\uFEFF')
                    {
                        return true; // a zero-width space or word joiner has no business in prose
                    }

                    break;
            }
        }

        return false;
    }

    private static bool IsLatinLetter(string value, int index) =>
        index >= 0 && index < value.Length && value[index] is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
