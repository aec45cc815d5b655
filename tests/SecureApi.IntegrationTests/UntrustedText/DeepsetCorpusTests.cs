using SecureApi.AiGuards.Screening;
using Xunit.Abstractions;

namespace SecureApi.IntegrationTests.UntrustedText;

/// <summary>
/// The screen measured on text it was not written against: deepset/prompt-injections (tests/corpora/untrusted-text/deepset,
/// README there). The rules may be tuned on the dataset's train split (<c>tuning/</c>) only; its test split
/// (<c>heldout/</c>) is never read while tuning, and its rates must stay at or above the floors README states
/// ("AI-era guards: untrusted text", measured rates). Both rates are printed for the record.
/// </summary>
public sealed class DeepsetCorpusTests(ITestOutputHelper output)
{
    /// <summary>Held-out detection must stay at or above this: measured 15/60 (README; 2/60 before tuning).</summary>
    public const double HeldOutDetectionFloor = 0.25;

    /// <summary>Held-out false positives must stay at or below this, one of 56: measured 0/56 (README).</summary>
    public const double HeldOutFalsePositiveCeiling = 0.02;

    private static readonly UntrustedTextScreener Screener = Screeners.Create();

    [Fact]
    public void HeldOutDetectionStaysAtItsFloor()
    {
        var (caught, total) = Detection("heldout");

        Assert.True((double)caught / total >= HeldOutDetectionFloor, $"Held-out detection {caught}/{total} fell below {HeldOutDetectionFloor:P0}.");
    }

    [Fact]
    public void HeldOutFalsePositivesStayUnderTheirCeiling()
    {
        var (flagged, total) = FalsePositives("heldout");

        Assert.True((double)flagged / total <= HeldOutFalsePositiveCeiling, $"Held-out false positives {flagged}/{total} rose above {HeldOutFalsePositiveCeiling:P0}.");
    }

    [Fact]
    public void TheTuningSplitsRatesAreRecorded()
    {
        var (caught, injections) = Detection("tuning");
        var (flagged, ordinary) = FalsePositives("tuning");

        Assert.True(injections > 100 && ordinary > 100, "The tuning split is the dataset's train split: hundreds of items each.");
        output.WriteLine($"tuning: detection {caught}/{injections}, false positives {flagged}/{ordinary}");
    }

    private (int Caught, int Total) Detection(string split)
    {
        var items = Corpus.ItemsOf(Path.Combine("deepset", split, "injection.txt"));
        var missed = items.Where(item => Screener.Screen(item).Count == 0).ToList();
        var caught = items.Count - missed.Count;
        output.WriteLine($"{split}: detection {caught}/{items.Count}");
        List(split, "missed", missed);
        return (caught, items.Count);
    }

    private (int Flagged, int Total) FalsePositives(string split)
    {
        var items = Corpus.ItemsOf(Path.Combine("deepset", split, "ordinary.txt"));
        var flagged = items.Where(item => Screener.Screen(item).Count > 0).ToList();
        output.WriteLine($"{split}: false positives {flagged.Count}/{items.Count}");
        List(split, "flagged", flagged);
        return (flagged.Count, items.Count);
    }

    /// <summary>Lists the tuning split's misses and false positives; the held-out split's items are never shown (its rates only).</summary>
    private void List(string split, string what, List<string> items)
    {
        if (split != "tuning")
        {
            return;
        }

        foreach (var item in items)
        {
            output.WriteLine($"  {what} ({string.Join(",", Screener.Screen(item))}): {item[..Math.Min(item.Length, 120)]}");
        }
    }
}
