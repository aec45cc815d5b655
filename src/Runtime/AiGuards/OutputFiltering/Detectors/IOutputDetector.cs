namespace SecureApi.AiGuards.OutputFiltering.Detectors;

/// <summary>
/// Finds one kind in a text. Every detector is a hand-written scanner that looks at each character a bounded number of
/// times (linear time whatever the input), with no regular expressions and no allocation per character.
/// </summary>
internal interface IOutputDetector
{
    string Kind { get; }

    void Scan(string text, List<OutputMatch> matches);
}
