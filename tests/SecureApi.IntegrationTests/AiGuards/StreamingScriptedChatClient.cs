using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SecureApi.IntegrationTests.AiGuards;

/// <summary>A model that streams a scripted answer in the given chunks, as a provider's streaming API would.</summary>
internal sealed class StreamingScriptedChatClient(IReadOnlyList<string> chunks) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The streaming script answers through GetStreamingResponseAsync only.");

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
