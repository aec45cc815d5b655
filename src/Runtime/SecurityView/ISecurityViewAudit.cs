namespace SecureApi.SecurityView;

/// <summary>
/// Where the security view reads the audit trail's size, chain status and latest records. Optional: registered by the
/// audit trail; without one the page says "not available".
/// </summary>
internal interface ISecurityViewAudit
{
    /// <summary>The summary, or null when this service keeps no trail (it declares no resource, so has no database).</summary>
    ValueTask<SecurityViewAuditSummary?> SummaryAsync(int recent, CancellationToken cancellationToken);
}
