namespace SecureApi.AiGuards.Screening;

/// <summary>The screen of <c>[UntrustedText]</c> members: <c>SecureApi:UntrustedText</c>.</summary>
public sealed class UntrustedTextOptions
{
    /// <summary>False skips screening altogether (the attribute stays documentation). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Per rule (keyed by its id, see <see cref="UntrustedTextRules"/>): on or off, and what a hit does. Rules not listed are on, with the member's mode.</summary>
    public Dictionary<string, UntrustedTextRuleOptions> Rules { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Shortest base64 or hex run that is decoded and screened (characters). Default 24.</summary>
    public int MinEncodedLength { get; set; } = 24;

    /// <summary>Words mixing Latin with Cyrillic or Greek letters that make a hit. Default 2.</summary>
    public int MixedScriptWords { get; set; } = 2;

    /// <summary>The same word this many times in a row is a hit. Default 25.</summary>
    public int RepeatedWordRun { get; set; } = 25;

    /// <summary>The same character (not a space) this many times in a row is a hit. Default 120.</summary>
    public int RepeatedCharacterRun { get; set; } = 120;

    /// <summary>A text of at least <see cref="DistinctWordsMinimumLength"/> words with fewer distinct words than this share is a hit. Default 0.12.</summary>
    public double MinDistinctWordShare { get; set; } = 0.12;

    /// <summary>Word count from which <see cref="MinDistinctWordShare"/> applies. Default 200.</summary>
    public int DistinctWordsMinimumLength { get; set; } = 200;

    /// <summary>
    /// The role of moderators: a person with it sees quarantined text in every response, as its author does; everyone
    /// else reads such a member as null (the row lists it in <c>quarantined</c>) until a moderator releases it. Default
    /// <c>admin</c>; empty makes the author the only reader.
    /// </summary>
    public string ModeratorRole { get; set; } = "admin";

    internal bool IsEnabled(string rule) => !Rules.TryGetValue(rule, out var settings) || settings.Enabled;

    internal UntrustedTextAction ActionOf(string rule) => Rules.TryGetValue(rule, out var settings) ? settings.Action : UntrustedTextAction.Declared;
}
