namespace SecureApi.AiGuards.Screening;

/// <summary>What a rule's hit does, set per rule in <c>SecureApi:UntrustedText:Rules:{id}:Action</c>.</summary>
public enum UntrustedTextAction
{
    /// <summary>What the member declares: <see cref="UntrustedTextMode.Reject"/> or <see cref="UntrustedTextMode.Quarantine"/>.</summary>
    Declared = 0,

    /// <summary>422, whatever the member declares.</summary>
    Reject = 1,

    /// <summary>Stored with a quarantine record, whatever the member declares.</summary>
    Quarantine = 2,

    /// <summary>Only the security event and the metric: for trying a rule, or a new threshold, out on real traffic.</summary>
    Report = 3,
}
