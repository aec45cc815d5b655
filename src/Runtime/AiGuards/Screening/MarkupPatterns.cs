using System.Net;
using System.Text.RegularExpressions;

namespace SecureApi.AiGuards.Screening;

/// <summary>
/// Markup and script meant to run when a client renders the text (or a model's answer repeats it), matched on
/// <see cref="ScreeningText.Plain"/> text with HTML entities decoded (<c>&amp;#106;avascript:</c> is <c>javascript:</c>).
/// Code that only mentions these things in prose, or calls <c>element.onclick = …</c> outside a tag, does not match.
/// </summary>
internal static class MarkupPatterns
{
    private const string Pattern =
        @"<\s*(?:script|iframe|portal)\b" +
        @"|<\s*(?:frame|frameset|object|embed|applet|meta|base|link|form|svg|math|template)\s[^<>]{0,300}=" +
        @"|<[a-z][a-z0-9-]{0,20}\b[^<>]{0,300}[\s/""']on[a-z]{3,30}\s*=" +
        @"|(?:java|vb|live)[\t\r\n]{0,3}script[\t\r\n]{0,3}:[^\s]|data\s*:\s*text/html|data\s*:\s*image/svg\+xml" +
        @"|\bsrcdoc\s*=|\bformaction\s*=" +
        // Markdown images (rendered, fetched without a click) whose URL carries a query: the classic exfiltration channel.
        @"|!\[[^\]\n]{0,200}\]\(\s*(?:https?:)?//[^\s)]{1,300}[?&][^\s)=]{1,100}=";

    private static readonly Regex s_pattern = new(Pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static bool IsMatch(string plain)
    {
        // Entities are decoded only when there are any; decoding twice catches &amp;lt;script.
        var text = plain.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(WebUtility.HtmlDecode(plain)).ToLowerInvariant() : plain;
        return s_pattern.IsMatch(text);
    }
}
