namespace SecureApi.Auditing;

/// <summary>The <c>SecureApi:Audit</c> section.</summary>
public sealed class AuditOptions
{
    /// <summary>
    /// How long records are kept; older ones are pruned at start-up and every few hours, and the last pruned record's
    /// sequence and hash become the chain's anchor so the rest still verifies. 0 keeps everything. Default 365 days.
    /// </summary>
    public double RetentionDays { get; set; } = 365;
}
