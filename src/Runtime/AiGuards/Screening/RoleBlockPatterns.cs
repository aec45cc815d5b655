using System.Text.RegularExpressions;

namespace SecureApi.AiGuards.Screening;

/// <summary>
/// Fake role and system blocks, matched on <see cref="ScreeningText.Plain"/> text (NFKC, lower case) by the linear-time
/// engine: chat-template tokens of the common model families, <c>system:</c>-style headers at the start of a line that go
/// on to instruct, bracketed and fenced pseudo-system sections, and "begin system prompt" banners.
/// </summary>
internal static class RoleBlockPatterns
{
    private const string Pattern =
        // ChatML, Llama 2/3, Gemma, Phi, Mistral and generic template tokens.
        @"<\|\s*(?:im_start|im_end|im_sep|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text|end|fim_prefix)\s*\|>" +
        @"|\[/?inst\]|<</?sys>>|<start_of_turn>|<end_of_turn>|</?s>\s*\[inst\]" +
        // XML-ish role tags.
        @"|</?(?:system|sys|system_prompt|system-prompt|assistant|developer|admin_instructions|instructions)(?:\s[^<>\n]{0,40})?>" +
        // A role header at a line's start that goes on to instruct.
        @"|(?:^|\n)[ \t>*#_\-]{0,6}(?:system|assistant|developer|sys|admin|root)(?: (?:message|prompt|note|override|instruction|instructions|update|notice))?[ \t*_]{0,3}:[ \t*_]{0,3}(?:you |ignore|disregard|forget|new |always|never|from now|the (?:user|assistant|ai|model)|all |override|reveal|do not|don't|respond|answer|act |follow|obey|important)" +
        // A made-up transcript: an assistant's turn and a user's turn, on lines of their own.
        @"|(?:^|\n)[ \t]{0,3}(?:assistant|ai|bot|model)[ \t]*:[^\n]{0,500}\n[ \t]{0,3}(?:user|human)[ \t]*:" +
        @"|(?:^|\n)[ \t]{0,3}(?:user|human)[ \t]*:[^\n]{0,500}\n[ \t]{0,3}(?:assistant|ai|bot|model)[ \t]*:" +
        // Headings, brackets and fences that open a pseudo-system section.
        @"|(?:^|\n)[ \t]{0,3}#{1,6}[ \t]*(?:system|system prompt|new instructions|admin override|developer mode|assistant instructions)[ \t]*(?:\n|$)" +
        @"|\[(?:system|sys|admin|developer|assistant)(?: (?:message|prompt|note|override|instructions))?\]" +
        @"|(?:```|~~~)[ \t]*(?:system|sys|system_prompt|instructions|prompt|assistant|developer)[ \t]*\n" +
        @"|(?:begin|start|end|beginning of|end of)[ \t]+(?:the[ \t]+)?(?:system|hidden|secret|new)[ \t]+(?:prompt|instructions|message)" +
        @"|-{3,}[ \t]*(?:system|admin|developer)(?: (?:message|prompt))?[ \t]*-{3,}|={3,}[ \t]*(?:system|admin|developer)(?: (?:message|prompt))?[ \t]*={3,}";

    private static readonly Regex s_pattern = new(Pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static bool IsMatch(string plain) => s_pattern.IsMatch(plain);
}
