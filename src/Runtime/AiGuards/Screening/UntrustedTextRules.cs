namespace SecureApi.AiGuards.Screening;

/// <summary>
/// The stable ids of the screening rules: what a 422 names, what a security event and a quarantine record carry, and the
/// keys of <c>SecureApi:UntrustedText:Rules</c>. They never change once shipped.
/// </summary>
public static class UntrustedTextRules
{
    /// <summary>"Ignore previous instructions", "you are now…", "act as an unrestricted AI", in English, German, French, Spanish, Italian and Portuguese.</summary>
    public const string InstructionOverride = "instruction-override";

    /// <summary>"Reveal your system prompt", "repeat the text above", in the same languages.</summary>
    public const string PromptExtraction = "prompt-extraction";

    /// <summary>Fake role or system blocks: chat-template tokens (<c>&lt;|im_start|&gt;</c>, <c>[INST]</c>, <c>&lt;&lt;SYS&gt;&gt;</c>), <c>system:</c> headers, fenced pseudo-system sections.</summary>
    public const string RoleBlock = "role-block";

    /// <summary>Zero-width characters inside words, bidirectional overrides and isolates, Unicode tag characters (U+E0000–E007F) outside an emoji flag.</summary>
    public const string InvisibleCharacters = "invisible-characters";

    /// <summary>Words mixing Latin with Cyrillic or Greek letters (homoglyphs), from <c>MixedScriptWords</c> such words.</summary>
    public const string MixedScript = "mixed-script";

    /// <summary>Base64, hex, percent-encoded or ROT13 text that decodes to instructions or role blocks.</summary>
    public const string EncodedPayload = "encoded-payload";

    /// <summary>Markup or script meant to render in a client: <c>&lt;script</c>, <c>on*=</c> handlers, <c>javascript:</c> URLs, frames, exfiltrating markdown images.</summary>
    public const string ActiveMarkup = "active-markup";

    /// <summary>One token or character repeated past the thresholds, or a long text made of very few distinct words.</summary>
    public const string Repetition = "repetition";

    /// <summary>Every rule id, in the order the screener runs them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [InstructionOverride, PromptExtraction, RoleBlock, InvisibleCharacters, MixedScript, EncodedPayload, ActiveMarkup, Repetition];
}
