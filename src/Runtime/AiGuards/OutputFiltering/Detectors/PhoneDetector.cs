namespace SecureApi.AiGuards.OutputFiltering.Detectors;

/// <summary>
/// Phone numbers in the shapes people write them: international with <c>+</c> or <c>00</c> (8 to 15 digits, E.164),
/// North American <c>(555) 123-4567</c> / <c>555-123-4567</c> / <c>+1 555 123 4567</c>, and national numbers with a
/// trunk <c>0</c> written in groups (<c>020 7946 0958</c>, <c>01 23 45 67 89</c>, <c>030-12345678</c>). A run of digits
/// without separators or <c>+</c> (an id, an amount, a year) is never a phone number, nor are dates and versions.
/// </summary>
internal sealed class PhoneDetector : IOutputDetector
{
    public string Kind => OutputKinds.Phone;

    public void Scan(string text, List<OutputMatch> matches)
    {
        var run = new DigitRun();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var startsRun = Chars.IsDigit(c)
                || (c is '+' or '(' && i + 1 < text.Length && Chars.IsDigit(text[i + 1]));
            if (!startsRun || !LeftBoundary(text, i))
            {
                continue;
            }

            run.Read(text, i, " -.", allowPhonePunctuation: true);
            if (run.Groups.Count == 0)
            {
                continue;
            }

            if (Chars.IsBoundary(text, run.End) && IsPhone(text, run))
            {
                matches.Add(new OutputMatch(Kind, run.Start, run.End));
            }

            i = Math.Max(i, run.End - 1);
        }
    }

    private static bool LeftBoundary(string text, int i) =>
        i == 0 || !(char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '_' or '.' or ',' or '-' or '+' or '/' or '$' or '€' or '£' or '#');

    private static bool IsPhone(string text, DigitRun run)
    {
        var groups = run.Groups.Count;
        var digits = run.Digits;
        if (groups > 7 || (run.Separators.Contains('.', StringComparison.Ordinal) && run.Separators.Length > 1))
        {
            return false;
        }

        if (run.Plus)
        {
            // +CC and the national number: 8 to 15 digits, in groups, or one run long enough to be a whole number.
            return digits is >= 8 and <= 15 && (groups >= 2 ? run.GroupLength(0) <= 4 : digits >= 10);
        }

        var first = text.AsSpan(run.Groups[0].Start, run.GroupLength(0));
        if (first.StartsWith("00"))
        {
            return groups >= 2 && digits - 2 is >= 8 and <= 15 && first.Length <= 5;
        }

        if (IsNorthAmerican(text, run, first))
        {
            return true;
        }

        if (first[0] == '0' && groups >= 2 && digits is >= 10 and <= 11 && first.Length is >= 2 and <= 5)
        {
            for (var g = 1; g < groups; g++)
            {
                if (run.GroupLength(g) < 2)
                {
                    return false;
                }
            }

            return true;
        }

        return false;
    }

    /// <summary><c>555 123 4567</c> in three groups (an optional leading <c>1</c>); the area code and exchange never start with 0 or 1.</summary>
    private static bool IsNorthAmerican(string text, DigitRun run, ReadOnlySpan<char> first)
    {
        var offset = run.Groups.Count == 4 && first is "1" ? 1 : 0;
        if (run.Groups.Count - offset != 3
            || run.GroupLength(offset) != 3 || run.GroupLength(offset + 1) != 3 || run.GroupLength(offset + 2) != 4)
        {
            return false;
        }

        return text[run.Groups[offset].Start] >= '2' && text[run.Groups[offset + 1].Start] >= '2';
    }
}
