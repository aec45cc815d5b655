namespace SecureApi.AiGuards.Screening;

/// <summary>
/// Flooding: one word over and over (a context-stuffing or token-wasting payload), one character in a long run, or a long
/// text of very few distinct words. One pass over <see cref="ScreeningText.Folded"/> words and the original characters.
/// </summary>
internal static class Repetition
{
    public static bool Exceeds(string value, string folded, UntrustedTextOptions options)
    {
        // By code point, so an emoji (two UTF-16 units) repeated counts as one character repeated.
        var run = 0;
        var previous = default(System.Text.Rune);
        foreach (var rune in value.EnumerateRunes())
        {
            run = rune == previous && !System.Text.Rune.IsWhiteSpace(rune) ? run + 1 : 1;
            previous = rune;
            if (run >= options.RepeatedCharacterRun)
            {
                return true;
            }
        }

        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var wordRun = 1;
        for (var i = 1; i < words.Length; i++)
        {
            wordRun = string.Equals(words[i], words[i - 1], StringComparison.Ordinal) ? wordRun + 1 : 1;
            if (wordRun >= options.RepeatedWordRun)
            {
                return true;
            }
        }

        if (words.Length < options.DistinctWordsMinimumLength)
        {
            return false;
        }

        var distinct = new HashSet<string>(words, StringComparer.Ordinal).Count;
        return distinct < words.Length * options.MinDistinctWordShare;
    }
}
