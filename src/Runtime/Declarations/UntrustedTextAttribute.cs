namespace SecureApi;

/// <summary>
/// Free text from outside (a comment, a prompt, a description) that a language model may read later: the generated handler
/// screens it, after validation and before anything stores or forwards it, for smuggled instructions, fake system blocks,
/// invisible characters, encoded payloads, active markup and flooding. Rules and thresholds: <c>SecureApi:UntrustedText</c>.
/// Allowed on <c>string</c> members of request types and resources (SAPI060 otherwise).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class UntrustedTextAttribute(UntrustedTextMode mode = UntrustedTextMode.Reject) : Attribute
{
    /// <summary>Reject (the default) or quarantine a value that matches a rule.</summary>
    public UntrustedTextMode Mode { get; } = mode;
}
