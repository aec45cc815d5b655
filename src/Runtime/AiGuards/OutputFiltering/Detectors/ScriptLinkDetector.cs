namespace SecureApi.AiGuards.OutputFiltering.Detectors;

/// <summary>
/// Links and markup that run script where a client renders the text: <c>javascript:</c> and <c>vbscript:</c> URLs (with
/// the tabs and line breaks browsers ignore inside a scheme), <c>data:text/html</c> URLs, and <c>&lt;script&gt;</c>
/// elements through their end tag (or the end of the text).
/// </summary>
internal sealed class ScriptLinkDetector : IOutputDetector
{
    private const int MaxUrl = 2048;

    public string Kind => OutputKinds.ScriptLink;

    public void Scan(string text, List<OutputMatch> matches)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var end = text[i] switch
            {
                'j' or 'J' when Chars.IsBoundary(text, i - 1) => SchemeUrl(text, i, "javascript"),
                'v' or 'V' when Chars.IsBoundary(text, i - 1) => SchemeUrl(text, i, "vbscript"),
                'd' or 'D' when Chars.IsBoundary(text, i - 1) && Chars.StartsWithIgnoreCase(text, i, "data:text/html") => UrlEnd(text, i + 14),
                '<' when Chars.StartsWithIgnoreCase(text, i + 1, "script") && (i + 7 >= text.Length || text[i + 7] is '>' or '/' || char.IsWhiteSpace(text[i + 7])) => ScriptElementEnd(text, i),
                _ => -1,
            };
            if (end > i)
            {
                matches.Add(new OutputMatch(Kind, i, end));
                i = end - 1;
            }
        }
    }

    /// <summary>The scheme's letters in order, ignoring case and the tab, CR and LF a URL parser strips, then <c>:</c>.</summary>
    private static int SchemeUrl(string text, int i, string scheme)
    {
        var j = i;
        foreach (var letter in scheme)
        {
            while (j < text.Length && j - i < 64 && text[j] is '\t' or '\r' or '\n')
            {
                j++;
            }

            if (j >= text.Length || char.ToLowerInvariant(text[j]) != letter)
            {
                return -1;
            }

            j++;
        }

        while (j < text.Length && text[j] == ' ')
        {
            j++;
        }

        if (j >= text.Length || text[j] != ':')
        {
            return -1;
        }

        // "JavaScript: the good parts" is prose; a link has its code right after the colon, or sits in an attribute or link target.
        var inLink = i > 0 && text[i - 1] is '"' or '\'' or '(' or '=' or '<' or '[';
        if (!inLink && (j + 1 >= text.Length || char.IsWhiteSpace(text[j + 1])))
        {
            return -1;
        }

        var code = j + 1 + Chars.RunLength(text, j + 1, static c => c is ' ' or '\t', 64);
        return UrlEnd(text, code);
    }

    private static int UrlEnd(string text, int start) =>
        start + Chars.RunLength(text, start, static c => !char.IsWhiteSpace(c) && c is not ('"' or '<' or '>' or '`'), MaxUrl);

    private static int ScriptElementEnd(string text, int start)
    {
        var close = text.AsSpan(start).IndexOf("</script", StringComparison.OrdinalIgnoreCase);
        if (close < 0)
        {
            return text.Length;
        }

        var gt = text.IndexOf('>', start + close);
        return gt < 0 ? text.Length : gt + 1;
    }
}
