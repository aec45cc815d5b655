namespace SecureApi.AiGuards.OutputFiltering.Detectors;

/// <summary>
/// Runs every detector whose kind is looked for over a text and merges what they find into ordered, non-overlapping
/// matches: where two overlap, they become one covering both, named by the kind that wins (<see cref="OutputKinds.All"/>
/// order), so no fragment of either is left in the clear.
/// </summary>
internal sealed class OutputScanner
{
    private static readonly IOutputDetector[] s_detectors =
    [
        new PrivateKeyDetector(),
        new JwtDetector(),
        new ApiKeyDetector(),
        new ConnectionStringDetector(),
        new ScriptLinkDetector(),
        new IbanDetector(),
        new PaymentCardDetector(),
        new EmailDetector(),
        new PhoneDetector(),
    ];

    private readonly IOutputDetector[] _detectors;

    public OutputScanner(Func<string, bool> isLookedFor) =>
        _detectors = [.. s_detectors.Where(d => isLookedFor(d.Kind))];

    public List<OutputMatch> Scan(string text)
    {
        var found = new List<OutputMatch>();
        if (text.Length == 0)
        {
            return found;
        }

        foreach (var detector in _detectors)
        {
            detector.Scan(text, found);
        }

        if (found.Count <= 1)
        {
            return found;
        }

        found.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : Priority(a.Kind).CompareTo(Priority(b.Kind)));
        var merged = new List<OutputMatch>(found.Count);
        foreach (var match in found)
        {
            if (merged.Count > 0 && merged[^1] is var last && match.Start < last.End)
            {
                var kind = Priority(match.Kind) < Priority(last.Kind) ? match.Kind : last.Kind;
                merged[^1] = new OutputMatch(kind, last.Start, Math.Max(last.End, match.End));
            }
            else
            {
                merged.Add(match);
            }
        }

        return merged;
    }

    private static int Priority(string kind)
    {
        for (var i = 0; i < OutputKinds.All.Count; i++)
        {
            if (ReferenceEquals(OutputKinds.All[i], kind) || OutputKinds.All[i] == kind)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
