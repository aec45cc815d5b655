using System.Text;
using SecureApi.AiGuards.OutputFiltering.Detectors;

namespace SecureApi.AiGuards.OutputFiltering;

/// <summary>
/// The output firewall: scans a text with every detector the policy looks for, replaces each finding with its typed
/// placeholder (<c>[redacted:email]</c>) and reports what it found. Clean text comes back as the same string instance.
/// </summary>
internal sealed class OutputFilter : IOutputFilter
{
    private static readonly IReadOnlyDictionary<string, int> s_none = new Dictionary<string, int>();

    private readonly OutputPolicy _policy;
    private readonly OutputScanner _scanner;
    private readonly OutputFilterReporter? _reporter;

    public OutputFilter(OutputPolicy policy, OutputFilterReporter? reporter)
    {
        _policy = policy;
        _reporter = reporter;
        _scanner = new OutputScanner(kind => policy.ActionFor(kind) != OutputFilterAction.Allow);
    }

    /// <summary>The filter with every kind redacted and nothing reported: for text written where no host is at hand.</summary>
    public static OutputFilter Unconfigured { get; } = new(OutputPolicy.Default, reporter: null);

    public OutputFilterResult Filter(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = Apply(text);
        if (!result.IsClean)
        {
            _reporter?.Report(result.Findings, result.Refused);
        }

        return result;
    }

    public IOutputStreamFilter CreateStream() => new OutputStreamFilter(this);

    /// <summary>
    /// A <c>[FilterOutput]</c> member's value: redacted, or when a refused kind is in it, withheld whole
    /// (<c>[withheld:card]</c>) — a member cannot refuse the response it is part of.
    /// </summary>
    public string? FilterMember(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var result = Filter(value);
        return result.Refused ? Withheld(result.Findings) : result.Text;
    }

    internal OutputFilterReporter? Reporter => _reporter;

    internal List<OutputMatch> Scan(string text) => _scanner.Scan(text);

    internal OutputFilterAction ActionFor(string kind) => _policy.ActionFor(kind);

    /// <summary>Filters without reporting (the caller reports once for a whole response or stream).</summary>
    internal OutputFilterResult Apply(string text)
    {
        var matches = _scanner.Scan(text);
        if (matches.Count == 0)
        {
            return new OutputFilterResult(text, false, s_none);
        }

        var findings = new Dictionary<string, int>(StringComparer.Ordinal);
        var refused = false;
        var filtered = Render(text, matches, 0, matches.Count, 0, text.Length, findings, ref refused);
        return new OutputFilterResult(filtered, refused, findings);
    }

    /// <summary>
    /// Writes <c>text[from..to]</c> with <c>matches[first..last)</c> (all inside that range) replaced by placeholders, counting them.
    /// </summary>
    internal string Render(string text, List<OutputMatch> matches, int first, int last, int from, int to, Dictionary<string, int> findings, ref bool refused)
    {
        if (first == last)
        {
            return text.Substring(from, to - from);
        }

        var builder = new StringBuilder(to - from);
        var position = from;
        for (var m = first; m < last; m++)
        {
            var match = matches[m];
            builder.Append(text, position, match.Start - position);
            builder.Append("[redacted:").Append(match.Kind).Append(']');
            position = match.End;
            findings[match.Kind] = findings.GetValueOrDefault(match.Kind) + 1;
            refused |= _policy.ActionFor(match.Kind) == OutputFilterAction.Refuse;
        }

        builder.Append(text, position, to - position);
        return builder.ToString();
    }

    private static string Withheld(IReadOnlyDictionary<string, int> findings) =>
        "[withheld:" + string.Join(",", findings.Keys.Order(StringComparer.Ordinal)) + "]";
}
