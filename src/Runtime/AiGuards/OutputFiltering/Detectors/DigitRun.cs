namespace SecureApi.AiGuards.OutputFiltering.Detectors;

/// <summary>
/// A run of digit groups joined by single separators (<c>4111 1111-1111 1111</c>, <c>(555) 123-4567</c>, <c>+44 20 7946 0958</c>),
/// read once from its first character: the phone and card scanners classify the run, then resume after it.
/// </summary>
internal sealed class DigitRun
{
    /// <summary>Where each group starts and ends in the text.</summary>
    public List<(int Start, int End)> Groups { get; } = [];

    public bool Plus { get; private set; }

    public bool Parenthesised { get; private set; }

    /// <summary>The separators seen between groups.</summary>
    public string Separators { get; private set; } = "";

    public int Start { get; private set; }

    public int End { get; private set; }

    public int Digits { get; private set; }

    /// <summary>Reads the run starting at <paramref name="start"/>; separators allowed between groups are <paramref name="separators"/>.</summary>
    public void Read(string text, int start, string separators, bool allowPhonePunctuation)
    {
        Groups.Clear();
        Plus = false;
        Parenthesised = false;
        Start = start;
        Digits = 0;
        var seen = "";
        var i = start;
        if (allowPhonePunctuation && i < text.Length && text[i] == '+')
        {
            Plus = true;
            i++;
        }

        while (i < text.Length)
        {
            if (allowPhonePunctuation && text[i] == '(' && i + 1 < text.Length && Chars.IsDigit(text[i + 1]))
            {
                var closing = i + 1 + Chars.RunLength(text, i + 1, Chars.IsDigit, 6);
                if (closing >= text.Length || text[closing] != ')')
                {
                    break;
                }

                Groups.Add((i + 1, closing));
                Digits += closing - i - 1;
                Parenthesised = true;
                i = closing + 1;
            }
            else
            {
                var length = Chars.RunLength(text, i, Chars.IsDigit);
                if (length == 0)
                {
                    break;
                }

                Groups.Add((i, i + length));
                Digits += length;
                i += length;
            }

            End = i;

            // A single separator followed by another group continues the run; a ')' may be followed by one too.
            if (i + 1 < text.Length && separators.Contains(text[i], StringComparison.Ordinal)
                && (Chars.IsDigit(text[i + 1]) || (allowPhonePunctuation && text[i + 1] == '(')))
            {
                if (!seen.Contains(text[i], StringComparison.Ordinal))
                {
                    seen += text[i];
                }

                i++;
            }
            else if (allowPhonePunctuation && i < text.Length && text[i] == '(' && i + 1 < text.Length && Chars.IsDigit(text[i + 1]))
            {
                continue;
            }
            else
            {
                break;
            }
        }

        Separators = seen;
        if (Groups.Count == 0)
        {
            End = start;
        }
    }

    public int GroupLength(int index) => Groups[index].End - Groups[index].Start;
}
