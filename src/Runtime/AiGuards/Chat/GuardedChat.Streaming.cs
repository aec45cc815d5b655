using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using SecureApi.AiGuards.OutputFiltering;

namespace SecureApi.AiGuards;

public static partial class GuardedChat
{
    /// <summary>
    /// The model's answer as it streams, through the output firewall: each chunk goes out only once the filter has seen
    /// enough after it, so a secret split across chunks never leaves in part. No tools here: run the tool rounds with
    /// <see cref="CompleteAsync"/> first and stream the final answer. A kind the policy refuses ends the stream with
    /// <see cref="ModelOutputWithheldException"/> before any part of it is sent.
    /// </summary>
    public static async IAsyncEnumerable<string> StreamAsync(
        IChatClient chat,
        PromptEnvelope envelope,
        IOutputFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(filter);

        var stream = filter.CreateStream();
        await foreach (var update in chat.GetStreamingResponseAsync(envelope.Messages, options: null, cancellationToken))
        {
            var safe = stream.Write(update.Text);
            if (stream.Refused)
            {
                throw new ModelOutputWithheldException();
            }

            if (safe.Length > 0)
            {
                yield return safe;
            }
        }

        var rest = stream.Complete();
        if (stream.Refused)
        {
            throw new ModelOutputWithheldException();
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }
}
