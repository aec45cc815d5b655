namespace SecureApi;

/// <summary>What happens to a request whose <see cref="UntrustedTextAttribute"/> member matches a screening rule.</summary>
public enum UntrustedTextMode
{
    /// <summary>422 ProblemDetails naming the member and the rule (never the text); nothing is stored.</summary>
    Reject = 0,

    /// <summary>Stored as sent, with a quarantine record (member and rule ids) that moderators read and prompts leave out.</summary>
    Quarantine = 1,
}
