namespace SecureApi.AiGuards.OutputFiltering;

/// <summary>
/// Filters one streamed text, chunk by chunk. Concatenating what <see cref="Write"/> and <see cref="Complete"/> return
/// gives the filtered text; a secret split across chunks is never returned in part. Not thread-safe: one stream, one writer.
/// </summary>
public interface IOutputStreamFilter
{
    /// <summary>
    /// True once a kind whose action is <see cref="OutputFilterAction.Refuse"/> was found: stop sending, and end the
    /// response with an error. From then on <see cref="Write"/> and <see cref="Complete"/> return nothing.
    /// </summary>
    bool Refused { get; }

    /// <summary>How many of each kind were found so far.</summary>
    IReadOnlyDictionary<string, int> Findings { get; }

    /// <summary>Takes the next chunk; returns the text that is safe to send now (possibly empty: a tail is held back).</summary>
    string Write(string chunk);

    /// <summary>The stream has ended: returns the rest, filtered, and reports what was found.</summary>
    string Complete();
}
