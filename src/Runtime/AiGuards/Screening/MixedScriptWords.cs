namespace SecureApi.AiGuards.Screening;

/// <summary>
/// Counts words (runs of letters) that mix Latin letters with Cyrillic or Greek look-alikes of Latin ones, in the
/// original value: "pаypal" with a Cyrillic а reads as Latin to a person and as something else to a filter. Text wholly
/// in one script, several scripts word by word (a Russian sentence quoting an English name), and Greek letters that look
/// like no Latin one (Δx, λ) in formulas have none.
/// </summary>
internal static class MixedScriptWords
{
    public static int Count(string value, int stopAt)
    {
        var count = 0;
        var latin = false;
        var other = false;
        foreach (var c in value)
        {
            if (!char.IsLetter(c))
            {
                if (latin && other && ++count >= stopAt)
                {
                    return count;
                }

                latin = other = false;
                continue;
            }

            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'))
            {
                latin = true;
            }
            else if (ScreeningText.IsLookAlike(c))
            {
                other = true;
            }
        }

        return latin && other ? count + 1 : count;
    }
}
