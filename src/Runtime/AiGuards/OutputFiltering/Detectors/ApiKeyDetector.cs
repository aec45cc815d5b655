namespace SecureApi.AiGuards.OutputFiltering.Detectors;

/// <summary>
/// API keys and cloud credentials by their published shapes: AWS access key ids (<c>AKIA</c>/<c>ASIA</c> + 16) and
/// secret keys named as such, GitHub tokens (<c>ghp_</c>, <c>gho_</c>, <c>ghu_</c>, <c>ghs_</c>, <c>ghr_</c>,
/// <c>github_pat_</c>), SecureApi's own keys (<c>sak_</c>, see <c>ApiKeyFormat</c>; the shape alone, so a mistyped key is
/// caught too), Stripe secret keys, Slack tokens and Google API keys. Each position is checked against a fixed set of prefixes.
/// </summary>
internal sealed class ApiKeyDetector : IOutputDetector
{
    private const string AwsSecretName = "aws_secret_access_key";

    public string Kind => OutputKinds.ApiKey;

    public void Scan(string text, List<OutputMatch> matches)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!Chars.IsBoundary(text, i - 1) || !char.IsAsciiLetter(text[i]))
            {
                continue;
            }

            var end = MatchAt(text, i);
            if (end > i)
            {
                matches.Add(new OutputMatch(Kind, i, end));
                i = end - 1;
            }
        }
    }

    /// <summary>The end of a key starting at <paramref name="i"/>, or -1.</summary>
    private static int MatchAt(string text, int i)
    {
        if (Chars.StartsWithIgnoreCase(text, i, AwsSecretName))
        {
            return AwsSecret(text, i + AwsSecretName.Length);
        }

        switch (text[i])
        {
            case 'A':
                if (Chars.StartsWith(text, i, "AKIA") || Chars.StartsWith(text, i, "ASIA"))
                {
                    return Exactly(text, i + 4, 16, static c => Chars.IsUpper(c) || Chars.IsDigit(c));
                }

                return Chars.StartsWith(text, i, "AIza") ? Exactly(text, i + 4, 35, Chars.IsToken) : -1;
            case 'g':
                if (Chars.StartsWith(text, i, "github_pat_"))
                {
                    return AtLeast(text, i + 11, 22, static c => char.IsAsciiLetterOrDigit(c) || c == '_');
                }

                return text.Length > i + 4 && Chars.StartsWith(text, i, "gh") && text[i + 2] is 'p' or 'o' or 'u' or 's' or 'r' && text[i + 3] == '_'
                    ? AtLeast(text, i + 4, 36, char.IsAsciiLetterOrDigit)
                    : -1;
            case 's':
                if (Chars.StartsWith(text, i, "sak_"))
                {
                    // sak_ + 16-character id + _ + 43-character secret + 6-character checksum (ApiKeyFormat).
                    var id = Exactly(text, i + 4, 16, char.IsAsciiLetterOrDigit, allowLongerRun: true);
                    return id > 0 && id < text.Length && text[id] == '_' ? Exactly(text, id + 1, 49, char.IsAsciiLetterOrDigit) : -1;
                }

                return Chars.StartsWith(text, i, "sk_live_") || Chars.StartsWith(text, i, "sk_test_")
                    ? AtLeast(text, i + 8, 16, char.IsAsciiLetterOrDigit)
                    : -1;
            case 'r':
                return Chars.StartsWith(text, i, "rk_live_") ? AtLeast(text, i + 8, 16, char.IsAsciiLetterOrDigit) : -1;
            case 'x':
                return text.Length > i + 5 && Chars.StartsWith(text, i, "xox") && text[i + 3] is 'a' or 'b' or 'p' or 'r' or 's' && text[i + 4] == '-'
                    ? AtLeast(text, i + 5, 10, static c => char.IsAsciiLetterOrDigit(c) || c == '-')
                    : -1;
            default:
                return -1;
        }
    }

    /// <summary>After the name <c>aws_secret_access_key</c>: quotes, spaces, <c>=</c> or <c>:</c>, then the 40-character key.</summary>
    private static int AwsSecret(string text, int i)
    {
        var limit = Math.Min(text.Length, i + 6);
        while (i < limit && text[i] is ' ' or '"' or '\'' or '=' or ':' or '\t')
        {
            i++;
        }

        return Exactly(text, i, 40, static c => char.IsAsciiLetterOrDigit(c) || c is '/' or '+');
    }

    /// <summary>The end of exactly <paramref name="length"/> characters of the class followed by a word boundary, or -1.</summary>
    private static int Exactly(string text, int start, int length, Func<char, bool> isPart, bool allowLongerRun = false)
    {
        var run = Chars.RunLength(text, start, isPart, length + 1);
        if (run < length || (run > length && !allowLongerRun))
        {
            return -1;
        }

        var end = start + length;
        return allowLongerRun || Chars.IsBoundary(text, end) ? end : -1;
    }

    private static int AtLeast(string text, int start, int length, Func<char, bool> isPart)
    {
        var run = Chars.RunLength(text, start, isPart, 512);
        return run >= length ? start + run : -1;
    }
}
