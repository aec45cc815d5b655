using SecureApi.AiGuards;
using SecureApi.AiGuards.OutputFiltering;
using SecureApi.IntegrationTests.OutputFiltering;

namespace SecureApi.IntegrationTests.AiGuards;

/// <summary>
/// A model's streamed answer through <see cref="GuardedChat.StreamAsync"/>: the firewall's planted corpus, streamed by a
/// scripted model in chunks cut inside every secret, lets no secret through; ordinary answers arrive unchanged, byte for
/// byte; a refused kind stops the stream before any part of the secret is sent.
/// </summary>
public sealed class GuardedStreamingTests
{
    public static TheoryData<int> PlantedEntries => [.. Enumerable.Range(0, OutputFilterCorpusTests.PlantedAnswers.Count)];

    public static TheoryData<int> OrdinaryEntries => [.. Enumerable.Range(0, OutputFilterCorpusTests.OrdinaryAnswers.Count)];

    [Theory]
    [MemberData(nameof(PlantedEntries))]
    public async Task APlantedSecretStreamedInChunksCutInsideItNeverLeaves(int entry)
    {
        var (secret, answer) = OutputFilterCorpusTests.PlantedAnswers[entry];
        var start = answer.IndexOf(secret, StringComparison.Ordinal);
        // One chunk boundary inside the secret every few characters, the rest of the answer in two pieces.
        var cuts = new SortedSet<int> { start, start + secret.Length };
        for (var cut = start + 1; cut < start + secret.Length; cut += 3)
        {
            cuts.Add(cut);
        }

        var streamed = await StreamAsync(TestFilters.Redacting, Chunks(answer, cuts));

        Assert.DoesNotContain(secret, streamed, StringComparison.Ordinal);
        Assert.Contains("[redacted:", streamed, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OrdinaryEntries))]
    public async Task AnOrdinaryAnswerStreamsThroughByteForByte(int entry)
    {
        var answer = OutputFilterCorpusTests.OrdinaryAnswers[entry];
        var random = new Random(entry);
        var cuts = new SortedSet<int>(Enumerable.Range(0, 12).Select(_ => random.Next(1, Math.Max(2, answer.Length))));

        var streamed = await StreamAsync(TestFilters.Redacting, Chunks(answer, cuts));

        Assert.Equal(answer, streamed);
    }

    [Fact]
    public async Task ARefusedKindStopsTheStreamWithoutSendingTheSecret()
    {
        const string Card = "4111 1111 1111 1111";
        var answer = "Your card on file is " + Card + ", expiring next year.";
        var sent = new List<string>();
        var filter = TestFilters.With(OutputFilterAction.Redact, (OutputKinds.PaymentCard, OutputFilterAction.Refuse));
        var model = new StreamingScriptedChatClient(Chunks(answer, new SortedSet<int> { 25, 30 }));

        await Assert.ThrowsAsync<ModelOutputWithheldException>(async () =>
        {
            await foreach (var chunk in GuardedChat.StreamAsync(model, PromptEnvelope.Create("Answer."), filter, CancellationToken.None))
            {
                sent.Add(chunk);
            }
        });

        Assert.DoesNotContain("1111", string.Concat(sent), StringComparison.Ordinal);
    }

    private static async Task<string> StreamAsync(IOutputFilter filter, IReadOnlyList<string> chunks)
    {
        var model = new StreamingScriptedChatClient(chunks);
        var received = new System.Text.StringBuilder();
        await foreach (var chunk in GuardedChat.StreamAsync(model, PromptEnvelope.Create("Answer."), filter, CancellationToken.None))
        {
            received.Append(chunk);
        }

        return received.ToString();
    }

    private static List<string> Chunks(string text, SortedSet<int> cuts)
    {
        var chunks = new List<string>();
        var from = 0;
        foreach (var cut in cuts.Where(c => c > 0 && c < text.Length))
        {
            chunks.Add(text[from..cut]);
            from = cut;
        }

        chunks.Add(text[from..]);
        return chunks;
    }
}
