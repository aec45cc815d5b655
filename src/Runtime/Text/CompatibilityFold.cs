using System.Globalization;
using System.Text;

namespace SecureApi.Text;

/// <summary>
/// NFKC and diacritic stripping that also hold under invariant globalization. Services publish with
/// <c>InvariantGlobalization</c> (the sample, the template's AOT output), where .NET has no normalisation data and
/// <see cref="string.Normalize(NormalizationForm)"/> returns its input unchanged: "ｉｇｎｏｒｅ" would stay full-width for a
/// screening rule and "ＡＬＩＣＥ" would be another account to the lockout. So after ICU's NFKC (when present) one linear
/// pass folds, by hand, the compatibility forms that spell Latin text: full-width ASCII, ligatures, mathematical
/// alphanumerics, letter-like symbols, enclosed and circled alphanumerics, super- and subscript digits, and the
/// compatibility spaces. The rest of NFKC (Hangul, CJK compatibility, Arabic presentation forms) needs ICU.
/// </summary>
internal static class CompatibilityFold
{
    /// <summary>Whether the runtime has normalisation data (false under invariant globalization).</summary>
    internal static readonly bool HasIcuNormalization = "\uFB01".Normalize(NormalizationForm.FormKC) == "fi";

    // Latin-1 Supplement U+00C0–U+00FF and Latin Extended-A U+0100–U+017F without their marks; '\0' keeps the letter
    // (Æ, Ð, Þ, ß, Œ, Ĳ have no single base letter; × and ÷ are not letters).
    private const string Latin1Bases = "AAAAAA\0CEEEEIIII\0NOOOOO\0OUUUUY\0\0aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0y";
    private const string LatinExtendedABases = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi\0\0JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo\0\0RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

    /// <summary>NFKC for matching: ICU's when available, then the hand-folded Latin compatibility forms.</summary>
    public static string Apply(string value) => Apply(value, HasIcuNormalization);

    /// <summary>Without ICU, or with it (tests compare both).</summary>
    internal static string Apply(string value, bool useIcu)
    {
        if (useIcu && !value.IsNormalized(NormalizationForm.FormKC))
        {
            value = value.Normalize(NormalizationForm.FormKC);
        }

        StringBuilder? folded = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var codePoint = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
                ? char.ConvertToUtf32(c, value[i + 1])
                : c;
            var width = codePoint > 0xFFFF ? 2 : 1;
            var replacement = Fold(codePoint);
            if (replacement is null)
            {
                folded?.Append(value, i, width);
            }
            else
            {
                folded ??= new StringBuilder(value.Length).Append(value, 0, i);
                folded.Append(replacement);
            }

            i += width - 1;
        }

        return folded?.ToString() ?? value;
    }

    /// <summary>Latin letters without their diacritics (é → e, ł → l), combining marks dropped; other text unchanged.</summary>
    public static string StripDiacritics(string value) => StripDiacritics(value, HasIcuNormalization);

    /// <summary>Without ICU, or with it (tests compare both).</summary>
    internal static string StripDiacritics(string value, bool useIcu)
    {
        if (useIcu && !value.IsNormalized(NormalizationForm.FormD))
        {
            value = value.Normalize(NormalizationForm.FormD); // every precomposed letter, not only Latin-1 and Extended-A
        }

        StringBuilder? stripped = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            char? replacement = c switch
            {
                >= '\u00C0' and <= '\u00FF' when Latin1Bases[c - 0xC0] is not '\0' and var b => b,
                >= '\u0100' and <= '\u017F' when LatinExtendedABases[c - 0x100] is not '\0' and var b => b,
                _ when CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark => '\0',
                _ => null,
            };
            if (replacement is null)
            {
                stripped?.Append(c);
                continue;
            }

            stripped ??= new StringBuilder(value.Length).Append(value, 0, i);
            if (replacement != '\0')
            {
                stripped.Append(replacement.Value);
            }
        }

        return stripped?.ToString() ?? value;
    }

    private static string? Fold(int codePoint) => codePoint switch
    {
        0x00A0 or 0x3000 or (>= 0x2000 and <= 0x200A) or 0x202F or 0x205F => " ",
        0x00B2 => "2",
        0x00B3 => "3",
        0x00B9 => "1",
        0x2070 => "0",
        0x2071 => "i",
        >= 0x2074 and <= 0x2079 => Digit(codePoint - 0x2070),
        0x207F => "n",
        >= 0x2080 and <= 0x2089 => Digit(codePoint - 0x2080),
        >= 0x2460 and <= 0x2473 => Number(codePoint - 0x2460 + 1),
        >= 0x2474 and <= 0x2487 => "(" + Number(codePoint - 0x2474 + 1) + ")",
        >= 0x2488 and <= 0x249B => Number(codePoint - 0x2488 + 1) + ".",
        >= 0x249C and <= 0x24B5 => "(" + (char)('a' + codePoint - 0x249C) + ")",
        >= 0x24B6 and <= 0x24CF => ((char)('A' + codePoint - 0x24B6)).ToString(),
        >= 0x24D0 and <= 0x24E9 => ((char)('a' + codePoint - 0x24D0)).ToString(),
        0x24EA => "0",
        >= 0xFB00 and <= 0xFB06 => Ligature(codePoint),
        >= 0xFF01 and <= 0xFF5E => ((char)(codePoint - 0xFEE0)).ToString(),
        >= 0x1D400 and <= 0x1D6A3 => MathLetter((codePoint - 0x1D400) % 52),
        >= 0x1D7CE and <= 0x1D7FF => Digit((codePoint - 0x1D7CE) % 10),
        _ => LetterlikeSymbol(codePoint),
    };

    private static string Digit(int value) => ((char)('0' + value)).ToString();

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string MathLetter(int index) => ((char)(index < 26 ? 'A' + index : 'a' + index - 26)).ToString();

    private static string Ligature(int codePoint) => codePoint switch
    {
        0xFB00 => "ff",
        0xFB01 => "fi",
        0xFB02 => "fl",
        0xFB03 => "ffi",
        0xFB04 => "ffl",
        _ => "st",
    };

    /// <summary>The letter-like symbols that fill the holes of the mathematical alphabets (ℎ, ℝ, ℯ…).</summary>
    private static string? LetterlikeSymbol(int codePoint) => codePoint switch
    {
        0x2102 => "C", 0x210A => "g", 0x210B => "H", 0x210C => "H", 0x210D => "H", 0x210E => "h", 0x2110 => "I", 0x2111 => "I",
        0x2112 => "L", 0x2113 => "l", 0x2115 => "N", 0x2119 => "P", 0x211A => "Q", 0x211B => "R", 0x211C => "R", 0x211D => "R",
        0x2124 => "Z", 0x2128 => "Z", 0x212C => "B", 0x212D => "C", 0x212F => "e", 0x2130 => "E", 0x2131 => "F", 0x2133 => "M",
        0x2134 => "o", 0x2139 => "i",
        _ => null,
    };
}
