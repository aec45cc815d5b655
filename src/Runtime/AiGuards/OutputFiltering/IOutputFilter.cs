namespace SecureApi.AiGuards.OutputFiltering;

/// <summary>
/// The output firewall, registered by <c>AddSecureApi</c> as a singleton. Generated handlers of <c>[FilterOutput]</c>
/// endpoints and members call it; so can any code that sends text it did not write itself, such as a model's answer.
/// Every finding is counted on the <c>SecureApi</c> meter and raised as an
/// <see cref="SecureApi.Monitoring.SecurityEventKind.OutputFiltered"/> security event (kinds and counts, never values).
/// </summary>
public interface IOutputFilter
{
    /// <summary>Filters one whole text.</summary>
    OutputFilterResult Filter(string text);

    /// <summary>
    /// A filter for one streamed text (a model's answer arriving in chunks): it holds back a bounded tail between chunks,
    /// so a secret split across chunks is still found, and passes ordinary text through unchanged.
    /// </summary>
    IOutputStreamFilter CreateStream();
}
