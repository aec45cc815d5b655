using SecureApi.AiGuards.OutputFiltering;

namespace SecureApi.IntegrationTests.OutputFiltering;

/// <summary>
/// The firewall against the corpora in <c>OutputFiltering/Corpus</c>: every planted piece of personal data or secret is
/// kept out, whole or streamed in random chunks (splits inside each secret included), and ordinary answers come out
/// unchanged, byte for byte, whole or streamed.
/// </summary>
public sealed class OutputFilterCorpusTests
{
    private static readonly List<Planted> s_planted = ReadPlanted();
    private static readonly List<string> s_ordinary = ReadOrdinary();

    /// <summary>The planted secrets and the answers carrying them, for the streamed-model tests.</summary>
    internal static IReadOnlyList<(string Secret, string Answer)> PlantedAnswers => [.. s_planted.Select(p => (p.Secret, p.Answer))];

    /// <summary>The ordinary answers, which must pass unchanged.</summary>
    internal static IReadOnlyList<string> OrdinaryAnswers => s_ordinary;

    public static TheoryData<int> PlantedEntries => [.. Enumerable.Range(0, s_planted.Count)];

    public static TheoryData<int> OrdinaryEntries => [.. Enumerable.Range(0, s_ordinary.Count)];

    [Theory]
    [MemberData(nameof(PlantedEntries))]
    public void APlantedSecretIsRedactedAsItsKind(int entry)
    {
        var planted = s_planted[entry];

        var result = TestFilters.Redacting.Filter(planted.Answer);

        Assert.DoesNotContain(planted.Secret, result.Text, StringComparison.Ordinal);
        Assert.Contains("[redacted:" + planted.Kind + "]", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OrdinaryEntries))]
    public void AnOrdinaryAnswerPassesUnchanged(int entry)
    {
        var answer = s_ordinary[entry];

        var result = TestFilters.Redacting.Filter(answer);

        Assert.True(result.IsClean, "Found " + string.Join(", ", result.Findings.Keys) + " in: " + result.Text);
        Assert.Equal(answer, result.Text);
    }

    [Fact]
    public void EveryPlantedSecretIsKeptOutOfOneLongAnswer()
    {
        var answer = LongAnswer();

        var result = TestFilters.Redacting.Filter(answer);

        AssertNoneThrough(result.Text);
        Assert.Equal(s_planted.Count, result.Findings.Values.Sum());
    }

    [Fact]
    public void StreamedInRandomChunksTheLongAnswerLetsNoSecretThrough()
    {
        var answer = LongAnswer();
        var whole = TestFilters.Redacting.Filter(answer).Text;
        var random = new Random(13);

        for (var run = 0; run < 40; run++)
        {
            var streamed = TestFilters.Stream(TestFilters.Redacting, answer, RandomCuts(random, answer.Length, maxChunk: run % 2 == 0 ? 16 : 700));

            AssertNoneThrough(streamed);
            Assert.Equal(whole, streamed);
        }
    }

    [Theory]
    [MemberData(nameof(PlantedEntries))]
    public void StreamedWithACutInsideTheSecretItStillDoesNotGetThrough(int entry)
    {
        var planted = s_planted[entry];
        // Far enough in that the filter releases text before the secret arrives: the hold-back is what protects it.
        var answer = Filler(3000) + "\n" + planted.Answer + "\n" + Filler(1500);
        var whole = TestFilters.Redacting.Filter(answer).Text;
        var start = answer.IndexOf(planted.Secret, StringComparison.Ordinal);

        for (var inside = 1; inside < planted.Secret.Length; inside += Math.Max(1, planted.Secret.Length / 24))
        {
            var streamed = TestFilters.Stream(TestFilters.Redacting, answer, [1000, 2000, start + inside, start + planted.Secret.Length + 7]);

            Assert.DoesNotContain(planted.Secret, streamed, StringComparison.Ordinal);
            Assert.Equal(whole, streamed);
        }
    }

    [Fact]
    public void StreamedInRandomChunksOrdinaryAnswersComeOutByteForByte()
    {
        var all = string.Join("\n\n", s_ordinary);
        var text = all + "\n\n" + all + "\n\n" + all;
        var random = new Random(7);

        for (var run = 0; run < 40; run++)
        {
            var streamed = TestFilters.Stream(TestFilters.Redacting, text, RandomCuts(random, text.Length, maxChunk: run % 2 == 0 ? 8 : 900));

            Assert.Equal(text, streamed);
        }
    }

    [Fact]
    public void AStreamWithARefusedKindStopsAndSaysSo()
    {
        var filter = TestFilters.With(OutputFilterAction.Redact, (OutputKinds.PrivateKey, OutputFilterAction.Refuse));
        var stream = filter.CreateStream();
        var answer = Filler(2000) + Secrets.PrivateKey + Filler(2000);

        var sent = stream.Write(answer[..2100]) + stream.Write(answer[2100..]) + stream.Complete();

        Assert.True(stream.Refused);
        Assert.DoesNotContain("PRIVATE KEY", sent, StringComparison.Ordinal);
        Assert.Equal(1, stream.Findings[OutputKinds.PrivateKey]);
    }

    [Fact]
    public void AnOpenPrivateKeyLongerThanTheHoldLimitIsRedactedAndTheRestDropped()
    {
        var body = string.Concat(Enumerable.Repeat("MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n", 1200));
        var answer = "Key:\n-----BEGIN PRIVATE KEY-----\n" + body + "-----END PRIVATE KEY-----\nDone.";

        var streamed = TestFilters.Stream(TestFilters.Redacting, answer, Enumerable.Range(1, answer.Length / 4000).Select(i => i * 4000));

        Assert.Equal("Key:\n[redacted:private-key]\nDone.", streamed);
    }

    private static void AssertNoneThrough(string output)
    {
        foreach (var planted in s_planted)
        {
            Assert.DoesNotContain(planted.Secret, output, StringComparison.Ordinal);
        }
    }

    /// <summary>Every planted answer between ordinary ones, as a long model answer would mix them.</summary>
    private static string LongAnswer() =>
        string.Join("\n\n", s_planted.Select((p, i) => s_ordinary[i % s_ordinary.Count] + "\n" + p.Answer));

    private static IEnumerable<int> RandomCuts(Random random, int length, int maxChunk)
    {
        for (var at = random.Next(1, maxChunk + 1); at < length; at += random.Next(1, maxChunk + 1))
        {
            yield return at;
        }
    }

    private static string Filler(int length)
    {
        var text = string.Concat(Enumerable.Repeat("Ordinary words of an answer, nothing to hide here. ", (length / 50) + 1));
        return text[..length];
    }

    private sealed record Planted(string Kind, string Secret, string Answer);

    private static List<Planted> ReadPlanted()
    {
        var entries = new List<Planted>();
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "OutputFiltering", "Corpus", "planted.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            var secret = fields[1] switch
            {
                "$JWT" => Secrets.Jwt,
                "$SAK" => Secrets.SecureApiKey,
                "$PRIVATE_KEY" => Secrets.PrivateKey,
                var literal => literal,
            };
            entries.Add(new Planted(fields[0], secret, fields[2].Replace("\\n", "\n", StringComparison.Ordinal).Replace("{}", secret, StringComparison.Ordinal)));
        }

        return entries;
    }

    private static List<string> ReadOrdinary() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "OutputFiltering", "Corpus", "ordinary.txt"))
            .ReplaceLineEndings("\n")
            .Split("\n---\n")
            .Select(answer => answer.Trim('\n'))
            .ToList();
}
