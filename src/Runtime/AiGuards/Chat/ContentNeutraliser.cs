using System.Text;
using System.Text.RegularExpressions;
using SecureApi.Text;

namespace SecureApi.AiGuards;

/// <summary>
/// Makes untrusted text inert inside a prompt while keeping it readable: it cannot close or imitate the envelope's
/// fence, carry a chat template's role tokens, or pose as a system part with a <c>system:</c> header or a fenced
/// "system" block. Invisible characters that could split a token from view are removed and fullwidth look-alikes folded
/// to ASCII first, so a disguised marker is caught too. Every pattern runs on the linear-time NonBacktracking engine.
/// </summary>
internal static class ContentNeutraliser
{
    /// <summary>What a removed role or template token leaves behind: visible, and no token of any template.</summary>
    public const string RemovedMarker = "[role marker removed]";

    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Multiline;

    // Chat-template tokens: ChatML/Llama 3/Phi <|...|>, Llama 2 [INST] and <<SYS>>, Gemma turns, sentence tokens, and
    // XML-ish or bracketed role tags (<system>, [/assistant]).
    private static readonly Regex s_roleTokens = new(
        @"<\|[^|\r\n]{0,64}\|>" +
        @"|\[/?INST\]|<</?SYS>>|</?s>|<(start|end)_of_turn>" +
        @"|</?\s*(system|assistant|user|developer|instructions?|sys|tool|human|model)\s*>" +
        @"|\[/?\s*(system|assistant|developer|instructions?|sys)\s*\]",
        Options);

    // A line that opens like a role header: "System:", "### Assistant:", "> developer:", "SYSTEM PROMPT:".
    private static readonly Regex s_roleHeaders = new(
        @"^[ \t>#*_\-]*(system( prompt| message)?|assistant|developer|user|human|ai|model|instructions?)[ \t]*:",
        Options);

    // A markdown heading or a decorated line that names a system part: "## System prompt", "=== SYSTEM ===",
    // "BEGIN SYSTEM PROMPT".
    private static readonly Regex s_systemSections = new(
        @"^[ \t]*(#{1,6}|[=*\-]{3,})[ \t]*(system|developer|instructions?)\b[^\r\n]*$" +
        @"|\b(begin|end)( of)?[ \t]+(the[ \t]+)?(system|developer)[ \t]+(prompt|message|instructions?)\b",
        Options);

    // A fenced code block labelled as a role: ```system, ~~~ instructions.
    private static readonly Regex s_roleFences = new(
        @"^([ \t]*)(```|~~~)[ \t]*(system|assistant|developer|instructions?|prompt|sys)\b[^\r\n]*$",
        Options);

    // Three or more angle brackets in a row: the shape of the envelope's own fence lines.
    private static readonly Regex s_fenceShapes = new(@"<{3,}|>{3,}", Options);

    /// <summary>The text, inert. <paramref name="fence"/> (the request's fence marker) never survives in it.</summary>
    public static string Neutralise(string content, string fence)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = StripInvisible(CompatibilityFold.Apply(content));
        text = text.Replace(fence, "[fence removed]", StringComparison.OrdinalIgnoreCase);
        text = s_fenceShapes.Replace(text, m => m.Value[0] == '<' ? new string('‹', m.Length) : new string('›', m.Length));
        text = s_roleTokens.Replace(text, RemovedMarker);
        text = s_roleFences.Replace(text, m => m.Groups[1].Value + m.Groups[2].Value + "text (quoted: " + m.Groups[3].Value + ")");
        text = s_systemSections.Replace(text, Quote);
        text = s_roleHeaders.Replace(text, Quote);
        return text;
    }

    /// <summary>“…”: the words stay, but as something the user wrote, not a header.</summary>
    private static string Quote(Match match)
    {
        var value = match.Value;
        var start = value.Length - value.TrimStart().Length;
        return string.Concat(value.AsSpan(0, start), "“", value.AsSpan(start), "”");
    }

    /// <summary>
    /// Drops zero-width, bidi-control, BOM, soft-hyphen and Unicode tag characters (U+E0000–E007F); full-width look-alikes
    /// (＜｜system｜＞) were folded to ASCII before, by CompatibilityFold, which holds under invariant globalization too.
    /// </summary>
    private static string StripInvisible(string content)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            var isTag = InvisibleCharacterClass.IsTagPair(content, i);
            if (isTag || InvisibleCharacterClass.IsInvisible(c))
            {
                builder ??= new StringBuilder(content.Length).Append(content, 0, i);
                if (isTag)
                {
                    i++;
                }

                continue;
            }

            builder?.Append(c);
        }

        return builder?.ToString() ?? content;
    }
}
