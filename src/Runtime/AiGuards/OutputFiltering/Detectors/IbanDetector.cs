using System.Collections.Frozen;

namespace SecureApi.AiGuards.OutputFiltering.Detectors;

/// <summary>
/// IBANs: a country code with its registered length (ISO 13616 registry), two check digits and the account part, whole
/// or in groups joined by single spaces, whose mod-97 checksum is 1. The checksum rules out almost every look-alike.
/// </summary>
internal sealed class IbanDetector : IOutputDetector
{
    private static readonly FrozenDictionary<string, int> s_lengths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22,
        ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
        ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20,
        ["LV"] = 21, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18,
        ["NO"] = 15, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24,
        ["SC"] = 31, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24,
        ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public string Kind => OutputKinds.Iban;

    public void Scan(string text, List<OutputMatch> matches)
    {
        Span<char> compact = stackalloc char[34];
        for (var i = 0; i + 4 <= text.Length; i++)
        {
            if (!Chars.IsUpper(text[i]) || !Chars.IsUpper(text[i + 1]) || !Chars.IsDigit(text[i + 2]) || !Chars.IsDigit(text[i + 3])
                || !Chars.IsBoundary(text, i - 1)
                || !s_lengths.TryGetValue(text.Substring(i, 2), out var length))
            {
                continue;
            }

            // Read exactly the registered number of characters, skipping single spaces between groups.
            var count = 0;
            var j = i;
            while (j < text.Length && count < length)
            {
                var c = text[j];
                if (Chars.IsUpper(c) || Chars.IsDigit(c) || (c is >= 'a' and <= 'z' && count >= 4))
                {
                    compact[count++] = char.ToUpperInvariant(c);
                    j++;
                }
                else if (c == ' ' && count >= 4 && j + 1 < text.Length && char.IsAsciiLetterOrDigit(text[j + 1]) && text[j - 1] != ' ')
                {
                    j++;
                }
                else
                {
                    break;
                }
            }

            if (count == length && Chars.IsBoundary(text, j) && Mod97(compact[..length]) == 1)
            {
                matches.Add(new OutputMatch(Kind, i, j));
                i = j - 1;
            }
        }
    }

    /// <summary>ISO 7064 MOD 97-10 of the IBAN with its first four characters moved to the end, letters as 10–35.</summary>
    internal static int Mod97(ReadOnlySpan<char> iban)
    {
        var remainder = 0;
        for (var k = 0; k < iban.Length; k++)
        {
            var c = iban[(k + 4) % iban.Length];
            remainder = Chars.IsDigit(c)
                ? ((remainder * 10) + (c - '0')) % 97
                : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder;
    }
}
