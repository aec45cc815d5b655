using System.Globalization;
using System.Text;
using SecureApi.Text;

namespace SecureApi.AiGuards.Screening;

/// <summary>
/// The views of one value the rules match on; the stored value is never changed. <see cref="Plain"/>: NFKC (full-width
/// and compatibility forms become their plain letters), format characters (zero-width, bidi) removed, lower case.
/// <see cref="Folded"/>: <see cref="Plain"/> without diacritics, Cyrillic and Greek look-alikes and digit-for-letter
/// spellings mapped to Latin letters, and every run of other characters one space, so "Ign0re—ALL  prévious
/// instructions" and "ignore all previous instructions" are the same text to a phrase rule. Each view is one linear pass.
/// </summary>
internal sealed class ScreeningText
{
    private ScreeningText(string plain, string folded)
    {
        Plain = plain;
        Folded = folded;
    }

    public string Plain { get; }

    public string Folded { get; }

    public static ScreeningText Of(string value)
    {
        var normalized = CompatibilityFold.Apply(value); // NFKC, also under invariant globalization
        var plain = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                plain.Append(char.ToLowerInvariant(c));
            }
        }

        var plainText = plain.ToString();
        return new ScreeningText(plainText, Fold(plainText));
    }

    /// <summary>The <see cref="Folded"/> view of already plain text (also used on decoded payloads).</summary>
    public static string Fold(string plain)
    {
        var stripped = CompatibilityFold.StripDiacritics(plain); // é → e, ü → u: phrases are written without accents
        var folded = new StringBuilder(stripped.Length + 2);
        folded.Append(' ');
        foreach (var c in stripped)
        {
            var mapped = LookAlike(c);
            if (char.IsLetterOrDigit(mapped))
            {
                folded.Append(mapped);
            }
            else if (folded[^1] != ' ')
            {
                folded.Append(' ');
            }
        }

        if (folded[^1] != ' ')
        {
            folded.Append(' ');
        }

        return folded.ToString(); // starts and ends with a space, so phrases can be matched as whole words
    }

    /// <summary>A Cyrillic or Greek letter that looks like a Latin one.</summary>
    public static bool IsLookAlike(char c) => c is (>= '\u0370' and <= '\u052F') && LookAlike(char.ToLowerInvariant(c)) is >= 'a' and <= 'z' || c is 'А' or 'В' or 'Е' or 'К' or 'М' or 'Н' or 'О' or 'Р' or 'С' or 'Т' or 'Х' or 'І' or 'Ј' or 'Ѕ' or 'Α' or 'Β' or 'Ε' or 'Ζ' or 'Η' or 'Ι' or 'Κ' or 'Μ' or 'Ν' or 'Ο' or 'Ρ' or 'Τ' or 'Υ' or 'Χ';

    /// <summary>Letters that look like Latin ones, and digits written for letters inside words (1gn0re).</summary>
    private static char LookAlike(char c) => c switch
    {
        'а' => 'a', 'е' => 'e', 'о' => 'o', 'р' => 'p', 'с' => 'c', 'у' => 'y', 'х' => 'x', 'і' => 'i', 'ј' => 'j', 'ѕ' => 's', 'ԁ' => 'd', 'һ' => 'h', 'ӏ' => 'l', 'ԛ' => 'q', 'ԝ' => 'w', 'к' => 'k', 'м' => 'm', 'т' => 't', 'в' => 'b', 'н' => 'h',
        'α' => 'a', 'ο' => 'o', 'ρ' => 'p', 'ν' => 'v', 'ι' => 'i', 'κ' => 'k', 'τ' => 't', 'υ' => 'u', 'χ' => 'x', 'ε' => 'e', 'η' => 'n', 'μ' => 'u',
        '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '@' => 'a', '$' => 's',
        _ => c,
    };
}
