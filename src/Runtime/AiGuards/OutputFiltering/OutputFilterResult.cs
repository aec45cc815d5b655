namespace SecureApi.AiGuards.OutputFiltering;

/// <summary>What filtering one text gave.</summary>
public sealed class OutputFilterResult
{
    public OutputFilterResult(string text, bool refused, IReadOnlyDictionary<string, int> findings)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
        Refused = refused;
        Findings = findings ?? throw new ArgumentNullException(nameof(findings));
    }

    /// <summary>The text with every finding replaced by its placeholder (<c>[redacted:email]</c>); when <see cref="Refused"/>, not to be sent.</summary>
    public string Text { get; }

    /// <summary>A kind whose action is <see cref="OutputFilterAction.Refuse"/> was found: the text must not be sent at all.</summary>
    public bool Refused { get; }

    /// <summary>How many of each kind were found (never the values). Empty when the text was clean.</summary>
    public IReadOnlyDictionary<string, int> Findings { get; }

    /// <summary>True when nothing was found: <see cref="Text"/> is the input, unchanged.</summary>
    public bool IsClean => Findings.Count == 0;
}
