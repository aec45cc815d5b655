namespace SecureApi.AiGuards.OutputFiltering.Detectors;

/// <summary>
/// Credentials in connection strings: a <c>Password=</c>, <c>Pwd=</c> or <c>Passwd=</c> key with its value (quoted or up to
/// the next <c>;</c>), and URLs with a user and password (<c>postgres://app:secret@db:5432/notes</c>, any scheme). The
/// word "password" in prose is left alone: only the key followed by <c>=</c> and a value counts.
/// </summary>
internal sealed class ConnectionStringDetector : IOutputDetector
{
    private const int MaxValue = 256;

    public string Kind => OutputKinds.ConnectionString;

    public void Scan(string text, List<OutputMatch> matches)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var start = i;
            var end = -1;
            if (text[i] is 'p' or 'P' && Chars.IsBoundary(text, i - 1))
            {
                end = PasswordPair(text, i);
            }
            else if (text[i] == ':' && Chars.StartsWith(text, i, "://"))
            {
                end = CredentialUrl(text, i, out start);
            }

            if (end > start)
            {
                matches.Add(new OutputMatch(Kind, start, end));
                i = end - 1;
            }
        }
    }

    private static int PasswordPair(string text, int i)
    {
        int keyEnd;
        if (Chars.StartsWithIgnoreCase(text, i, "password"))
        {
            keyEnd = i + 8;
        }
        else if (Chars.StartsWithIgnoreCase(text, i, "passwd"))
        {
            keyEnd = i + 6;
        }
        else if (Chars.StartsWithIgnoreCase(text, i, "pwd"))
        {
            keyEnd = i + 3;
        }
        else
        {
            return -1;
        }

        var j = keyEnd;
        while (j < text.Length && text[j] == ' ')
        {
            j++;
        }

        if (j >= text.Length || text[j] != '=')
        {
            return -1;
        }

        var spaced = j > keyEnd;
        j++;
        while (j < text.Length && text[j] == ' ')
        {
            j++;
        }

        spaced |= text[j - 1] == ' ';
        int valueEnd;
        if (j < text.Length && text[j] is '"' or '\'')
        {
            var close = text.IndexOf(text[j], j + 1);
            valueEnd = close > j + 1 && close - j <= MaxValue ? close + 1 : -1;
        }
        else
        {
            var run = Chars.RunLength(text, j, static ch => ch is not (';' or '"' or '\'' or '<' or '>' or '&') && !char.IsWhiteSpace(ch), MaxValue);
            valueEnd = run > 0 ? j + run : -1;
        }

        // A key=value pair: written tight (Pwd=secret), or beside a ';' as in a connection string. Code such as
        // "password = GetPassword()" and prose are left alone.
        var inPairs = PreviousNonSpace(text, i) == ';' || (valueEnd > 0 && PairFollows(text, valueEnd));
        return valueEnd > 0 && (!spaced || inPairs) ? valueEnd : -1;
    }

    /// <summary>At <paramref name="i"/>: <c>; Key Name=</c>, the next pair of a connection string (not the <c>;</c> ending a statement).</summary>
    private static bool PairFollows(string text, int i)
    {
        if (i >= text.Length || text[i] != ';')
        {
            return false;
        }

        i++;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        var key = Chars.RunLength(text, i, static c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '_', 40);
        return key > 0 && char.IsAsciiLetter(text[i]) && i + key < text.Length && text[i + key] == '=';
    }

    private static char PreviousNonSpace(string text, int i)
    {
        while (i > 0 && text[i - 1] == ' ')
        {
            i--;
        }

        return i > 0 ? text[i - 1] : '\0';
    }

    /// <summary>At <c>://</c>: the URL around it when its authority has <c>user:password@</c>; <paramref name="start"/> is where its scheme begins.</summary>
    private static int CredentialUrl(string text, int separator, out int start)
    {
        start = separator;
        while (start > 0 && separator - start < 32 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '+' or '.' or '-'))
        {
            start--;
        }

        if (start == separator || !char.IsAsciiLetter(text[start]))
        {
            return -1;
        }

        var authority = separator + 3;
        var colon = -1;
        var i = authority;
        while (i < text.Length && i - authority < MaxValue && text[i] is not ('@' or '/' or '?' or '#') && !char.IsWhiteSpace(text[i]))
        {
            if (text[i] == ':' && colon < 0)
            {
                colon = i;
            }

            i++;
        }

        if (i >= text.Length || text[i] != '@' || colon <= authority || colon + 1 >= i)
        {
            return -1;
        }

        return i + 1 + Chars.RunLength(text, i + 1, static ch => !char.IsWhiteSpace(ch) && ch is not ('"' or '\'' or '<' or '>' or '`'), 2048);
    }
}
