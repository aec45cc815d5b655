namespace SecureApi.AiGuards.Screening;

/// <summary>
/// What the screen decided for the request's <c>[UntrustedText]</c> members, kept on the request (an HTTP feature) for
/// the store write that follows: the members screened, and those to quarantine with their rule ids. A member screened
/// clean clears an earlier quarantine of it when the row is written.
/// </summary>
internal sealed class UntrustedTextVerdict(IReadOnlyList<string> screened, IReadOnlyDictionary<string, string> quarantined)
{
    /// <summary>Every member that carried a value and was screened.</summary>
    public IReadOnlyList<string> Screened { get; } = screened;

    /// <summary>Member → its rule ids, comma-separated.</summary>
    public IReadOnlyDictionary<string, string> Quarantined { get; } = quarantined;
}
