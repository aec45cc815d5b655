namespace SecureApi.AiGuards.OutputFiltering.Detectors;

/// <summary>
/// E-mail addresses: from each <c>@</c>, a local part (at most 64 characters) to its left and a domain with at least one
/// dot and a top-level label of two or more letters to its right (at most 253 characters). Each side is walked once.
/// </summary>
internal sealed class EmailDetector : IOutputDetector
{
    private const int MaxLocal = 64;
    private const int MaxDomain = 253;

    public string Kind => OutputKinds.Email;

    public void Scan(string text, List<OutputMatch> matches)
    {
        var resumeAt = 0;
        for (var at = text.IndexOf('@'); at >= 0; at = text.IndexOf('@', at + 1))
        {
            var start = at;
            while (start > resumeAt && at - start < MaxLocal && IsLocal(text[start - 1]))
            {
                start--;
            }

            // A local part never starts with a dot.
            while (start < at && text[start] == '.')
            {
                start++;
            }

            if (start == at)
            {
                continue;
            }

            var end = DomainEnd(text, at + 1);
            if (end < 0)
            {
                continue;
            }

            matches.Add(new OutputMatch(Kind, start, end));
            resumeAt = end;
            at = end - 1;
        }
    }

    private static bool IsLocal(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-' or '\'';

    /// <summary>The end of a domain starting at <paramref name="start"/>, or -1 when there is none.</summary>
    private static int DomainEnd(string text, int start)
    {
        var i = start;
        var lastDot = -1;
        while (i < text.Length && i - start < MaxDomain && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '.'))
        {
            if (text[i] == '.')
            {
                // Two dots in a row, or a dot right after the @, ends the domain.
                if (i == start || text[i - 1] == '.')
                {
                    break;
                }

                lastDot = i;
            }

            i++;
        }

        // A trailing dot is the sentence's full stop, not the domain's.
        var end = i;
        while (end > start && text[end - 1] is '.' or '-')
        {
            end--;
        }

        if (lastDot >= end - 1)
        {
            lastDot = text.LastIndexOf('.', end - 1, end - start);
        }

        if (lastDot <= start)
        {
            return -1;
        }

        var topLevel = text.AsSpan(lastDot + 1, end - lastDot - 1);
        return topLevel.Length >= 2 && IsLetters(topLevel) ? end : -1;
    }

    private static bool IsLetters(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
