using Microsoft.Extensions.Options;

namespace SecureApi.AiGuards.Screening;

/// <summary>
/// Screens one value with every enabled rule and names the rules it matches (<see cref="UntrustedTextRules"/>). Matching
/// runs on normalised views (<see cref="ScreeningText"/>); the value itself is never changed. Every rule is linear in
/// the value's length. A singleton: the settings are read per call, so a configuration reload applies at once.
/// </summary>
public sealed class UntrustedTextScreener
{
    private readonly IOptionsMonitor<SecureApiOptions> _options;

    internal UntrustedTextScreener(IOptionsMonitor<SecureApiOptions> options) => _options = options;

    /// <summary>The settings in force (<c>SecureApi:UntrustedText</c>).</summary>
    public UntrustedTextOptions Options => _options.CurrentValue.UntrustedText;

    /// <summary>The ids of the rules <paramref name="value"/> matches, in rule order; empty when it is clean or screening is off.</summary>
    public IReadOnlyList<string> Screen(string? value)
    {
        var options = Options;
        if (!options.Enabled || string.IsNullOrEmpty(value))
        {
            return [];
        }

        var text = ScreeningText.Of(value);
        List<string>? hits = null;
        void Check(string rule, Func<bool> matches)
        {
            if (options.IsEnabled(rule) && matches())
            {
                (hits ??= []).Add(rule);
            }
        }

        Check(UntrustedTextRules.InstructionOverride, () => PhrasePatterns.IsOverride(text.Folded));
        Check(UntrustedTextRules.PromptExtraction, () => PhrasePatterns.IsExtraction(text.Folded));
        Check(UntrustedTextRules.RoleBlock, () => RoleBlockPatterns.IsMatch(text.Plain));
        Check(UntrustedTextRules.InvisibleCharacters, () => InvisibleCharacters.Contains(value));
        Check(UntrustedTextRules.MixedScript, () => MixedScriptWords.Count(value, options.MixedScriptWords) >= options.MixedScriptWords);
        Check(UntrustedTextRules.EncodedPayload, () => EncodedPayloads.Contains(value, IsInstruction, options.MinEncodedLength));
        Check(UntrustedTextRules.ActiveMarkup, () => MarkupPatterns.IsMatch(text.Plain));
        Check(UntrustedTextRules.Repetition, () => Repetition.Exceeds(value, text.Folded, options));
        return hits ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Whether decoded text reads as instructions: the phrase rules and fake role blocks.</summary>
    private static bool IsInstruction(string decoded)
    {
        var text = ScreeningText.Of(decoded);
        return PhrasePatterns.IsOverride(text.Folded) || PhrasePatterns.IsExtraction(text.Folded) || RoleBlockPatterns.IsMatch(text.Plain);
    }
}
