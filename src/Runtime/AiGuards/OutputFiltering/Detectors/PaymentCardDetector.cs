namespace SecureApi.AiGuards.OutputFiltering.Detectors;

/// <summary>
/// Payment card numbers: 13 to 19 digits, whole or in groups joined by single spaces or dashes, with a known issuer
/// prefix and length (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro) and a valid Luhn check digit.
/// In a longer run of groups every window of consecutive groups is tried, so a card beside another number is still found.
/// </summary>
internal sealed class PaymentCardDetector : IOutputDetector
{
    private const int MinDigits = 13;
    private const int MaxDigits = 19;

    public string Kind => OutputKinds.PaymentCard;

    public void Scan(string text, List<OutputMatch> matches)
    {
        var run = new DigitRun();
        Span<byte> digits = stackalloc byte[MaxDigits];
        for (var i = 0; i < text.Length; i++)
        {
            if (!Chars.IsDigit(text[i]) || (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '_' or '.' or ',')))
            {
                continue;
            }

            run.Read(text, i, " -", allowPhonePunctuation: false);
            var end = run.End;
            var rightBoundary = end >= text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] is '_' || (text[end] is '.' or ',' && end + 1 < text.Length && Chars.IsDigit(text[end + 1])));
            if (rightBoundary)
            {
                FindInRun(text, run, digits, matches);
            }

            i = Math.Max(i, end - 1);
        }
    }

    private void FindInRun(string text, DigitRun run, Span<byte> digits, List<OutputMatch> matches)
    {
        var groups = run.Groups;
        for (var first = 0; first < groups.Count; first++)
        {
            var count = 0;
            for (var last = first; last < groups.Count; last++)
            {
                var (start, end) = groups[last];
                if (count + end - start > MaxDigits)
                {
                    break;
                }

                for (var k = start; k < end; k++)
                {
                    digits[count++] = (byte)(text[k] - '0');
                }

                if (count >= MinDigits && IsCard(digits[..count]))
                {
                    matches.Add(new OutputMatch(Kind, groups[first].Start, end));
                    first = last; // resume after this card
                    break;
                }
            }
        }
    }

    internal static bool IsCard(ReadOnlySpan<byte> digits) => IssuerAccepts(digits) && Luhn(digits);

    internal static bool Luhn(ReadOnlySpan<byte> digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i];
            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    /// <summary>The issuer identification number's prefix admits this length (ISO/IEC 7812 ranges the networks publish).</summary>
    private static bool IssuerAccepts(ReadOnlySpan<byte> d)
    {
        var length = d.Length;
        var two = (d[0] * 10) + d[1];
        var three = (two * 10) + d[2];
        var four = (three * 10) + d[3];
        return d[0] switch
        {
            4 => length is 13 or 16 or 19,                                                            // Visa
            5 when two is >= 51 and <= 55 => length == 16,                                            // Mastercard
            2 when four is >= 2221 and <= 2720 => length == 16,                                       // Mastercard 2-series
            3 when two is 34 or 37 => length == 15,                                                   // Amex
            3 when four is >= 3528 and <= 3589 => length is >= 16 and <= 19,                         // JCB
            3 when three is >= 300 and <= 305 || two is 36 or 38 or 39 => length is >= 14 and <= 19, // Diners
            6 when four == 6011 || two == 65 || three is >= 644 and <= 649 => length is >= 16 and <= 19, // Discover
            6 when two == 62 => length is >= 16 and <= 19,                                            // UnionPay
            5 or 6 when four is 5018 or 5020 or 5038 or 5893 or 6304 or 6759 or 6761 or 6762 or 6763 => length is >= 13 and <= 19, // Maestro
            _ => false,
        };
    }
}
