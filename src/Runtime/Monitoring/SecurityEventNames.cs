namespace SecureApi.Monitoring;

/// <summary>The stable name of each event kind: its log event name and its metric tag. Spelled out, not reflected.</summary>
internal static class SecurityEventNames
{
    public static string Of(SecurityEventKind kind) => kind switch
    {
        SecurityEventKind.AuthenticationFailed => nameof(SecurityEventKind.AuthenticationFailed),
        SecurityEventKind.AuthorizationDenied => nameof(SecurityEventKind.AuthorizationDenied),
        SecurityEventKind.NotFoundOrNotYours => nameof(SecurityEventKind.NotFoundOrNotYours),
        SecurityEventKind.ValidationFailed => nameof(SecurityEventKind.ValidationFailed),
        SecurityEventKind.UnknownMembers => nameof(SecurityEventKind.UnknownMembers),
        SecurityEventKind.RateLimited => nameof(SecurityEventKind.RateLimited),
        SecurityEventKind.LoadShed => nameof(SecurityEventKind.LoadShed),
        SecurityEventKind.Blocked => nameof(SecurityEventKind.Blocked),
        SecurityEventKind.Unblocked => nameof(SecurityEventKind.Unblocked),
        SecurityEventKind.KeyMinted => nameof(SecurityEventKind.KeyMinted),
        SecurityEventKind.KeyRevoked => nameof(SecurityEventKind.KeyRevoked),
        SecurityEventKind.AnomalyRaised => nameof(SecurityEventKind.AnomalyRaised),
        SecurityEventKind.UntrustedTextDetected => nameof(SecurityEventKind.UntrustedTextDetected),
        SecurityEventKind.OutputFiltered => nameof(SecurityEventKind.OutputFiltered),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a security event kind."),
    };
}
