using SecureApi.AiGuards.Screening;
using Xunit.Abstractions;

namespace SecureApi.IntegrationTests.UntrustedText;

/// <summary>
/// The screen's measured rates on the corpora (README, "AI-era guards: untrusted text"): every injection attempt is
/// caught (detection 100%) and no ordinary text is flagged (false positives 0%). Fields of one request are screened
/// alone and joined, as the generated handler does.
/// </summary>
public sealed class UntrustedTextCorpusTests(ITestOutputHelper output)
{
    private static readonly UntrustedTextScreener Screener = Screeners.Create();

    [Fact]
    public void EveryInjectionAttemptIsCaught()
    {
        var items = Corpus.Items("injection");
        var missed = items.Where(item => Hits(item.Fields).Count == 0).Select(item => item.Name).ToList();

        output.WriteLine($"detection: {items.Count - missed.Count}/{items.Count}");
        Assert.True(items.Count >= 150, $"The injection corpus has {items.Count} items; it should have at least 150.");
        Assert.True(missed.Count == 0, "Missed: " + string.Join(", ", missed));
    }

    [Fact]
    public void NoOrdinaryTextIsFlagged()
    {
        var items = Corpus.Items("ordinary");
        var flagged = items.Select(item => (item.Name, Hits: Hits(item.Fields))).Where(r => r.Hits.Count > 0)
            .Select(r => $"{r.Name} ({string.Join(",", r.Hits)})").ToList();

        output.WriteLine($"false positives: {flagged.Count}/{items.Count}");
        Assert.True(items.Count >= 150, $"The ordinary corpus has {items.Count} items; it should have at least 150.");
        Assert.True(flagged.Count == 0, "Flagged: " + string.Join(", ", flagged));
    }

    [Fact]
    public void SplitFieldsAreCaughtOnlyJoined()
    {
        // The split items are the point of joining: most of their fields pass alone.
        var split = Corpus.Items("injection").Where(i => i.Name.Contains("split-fields", StringComparison.Ordinal)).ToList();
        var passingAlone = split.Count(item => item.Fields.All(field => Screener.Screen(field).Count == 0));

        Assert.True(passingAlone >= split.Count / 2, $"Only {passingAlone} of {split.Count} split items pass field by field; the corpus no longer tests joining.");
    }

    private static List<string> Hits(string[] fields)
    {
        var hits = fields.SelectMany(Screener.Screen).ToList();
        if (fields.Length > 1)
        {
            hits.AddRange(Screener.Screen(string.Join('\n', fields)));
        }

        return hits.Distinct(StringComparer.Ordinal).ToList();
    }
}
