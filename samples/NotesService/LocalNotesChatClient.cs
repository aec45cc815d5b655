using Microsoft.Extensions.AI;

namespace NotesService;

/// <summary>
/// The sample's model: a deterministic stand-in that needs no network, so the assistant runs anywhere. It behaves as a
/// tool-calling model does — first it asks for <c>list_notes</c>, then it answers from the tool's result, naming the
/// notes whose title or body share words with the question. Register any other <see cref="IChatClient"/> (an OpenAI,
/// Azure or Ollama client from their Microsoft.Extensions.AI packages) in its place to use a real model.
/// </summary>
public sealed class LocalNotesChatClient : IChatClient
{
    private static readonly HashSet<string> s_stopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "what", "which", "who", "when", "where", "how", "did", "does", "about", "with", "that",
        "this", "have", "has", "any", "all", "you", "your", "my", "mine", "notes", "note", "write", "wrote", "tell", "there",
    };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conversation = messages.ToList();
        var results = conversation.Where(m => m.Role == ChatRole.Tool).SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
        if (results.Count == 0 && options?.Tools?.Any(t => t.Name == "list_notes") == true)
        {
            var call = new FunctionCallContent("local-1", "list_notes", new Dictionary<string, object?>());
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [call])));
        }

        var question = conversation.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var notes = results.SelectMany(r => Parse(r.Result as string ?? "")).ToList();
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Compose(question, notes))));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static string Compose(string question, List<(string Title, string Body)> notes)
    {
        if (notes.Count == 0)
        {
            return "You have no notes yet.";
        }

        var words = Words(string.Join('\n', question.Split('\n').Where(line => !line.StartsWith("<<<", StringComparison.Ordinal))));
        var matches = notes
            .Select(note => (note, score: Words(note.Title + " " + note.Body).Count(words.Contains)))
            .Where(m => m.score > 0)
            .OrderByDescending(m => m.score)
            .ThenBy(m => m.note.Title, StringComparer.Ordinal)
            .Take(3)
            .Select(m => m.note)
            .ToList();
        if (matches.Count == 0)
        {
            return $"None of your {notes.Count} notes mention that. Your latest: {string.Join(", ", notes.Take(3).Select(n => $"“{n.Title}”"))}.";
        }

        return "From your notes: " + string.Join("; ", matches.Select(n => $"“{n.Title}”: {Excerpt(n.Body)}")) + ".";
    }

    private static string Excerpt(string body) => body.Length <= 160 ? body.TrimEnd('.') : body[..160] + "…";

    private static HashSet<string> Words(string text) =>
        text.ToLowerInvariant()
            .Split((char[])[' ', '\n', '\t', ',', '.', ';', ':', '?', '!', '"', '\'', '(', ')', '“', '”'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3 && !s_stopWords.Contains(w))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The notes in a tool result: "note id", "title: …", "body: …" lines (NoteTools writes them).</summary>
    private static IEnumerable<(string Title, string Body)> Parse(string result)
    {
        string? title = null;
        foreach (var line in result.Split('\n'))
        {
            if (line.StartsWith("title: ", StringComparison.Ordinal))
            {
                title = line["title: ".Length..];
            }
            else if (line.StartsWith("body: ", StringComparison.Ordinal) && title is not null)
            {
                yield return (title, line["body: ".Length..]);
                title = null;
            }
        }
    }
}
