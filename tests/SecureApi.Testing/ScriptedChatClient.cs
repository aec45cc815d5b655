using Microsoft.Extensions.AI;

namespace SecureApi.Testing;

/// <summary>A model that answers from a script: each request gets the next response; every request is kept for the test to read.</summary>
public sealed class ScriptedChatClient(params Func<IReadOnlyList<ChatMessage>, ChatResponse>[] turns) : IChatClient
{
    private int _next;

    public List<(List<ChatMessage> Messages, ChatOptions? Options)> Requests { get; } = [];

    public static ChatResponse Answer(string text) => new(new ChatMessage(ChatRole.Assistant, text));

    public static ChatResponse Call(string name, Dictionary<string, object?> arguments, string callId = "call-1") =>
        new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, name, arguments)]));

    /// <summary>Several tool calls in one response, as a model that plans ahead sends them.</summary>
    public static ChatResponse Calls(params (string CallId, string Name, Dictionary<string, object?> Arguments)[] calls) =>
        new(new ChatMessage(ChatRole.Assistant, [.. calls.Select(c => (AIContent)new FunctionCallContent(c.CallId, c.Name, c.Arguments))]));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        Requests.Add((sent, options));
        var turn = turns[Math.Min(_next++, turns.Length - 1)];
        return Task.FromResult(turn(sent));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The scripted client answers whole responses only.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
