using System.Globalization;
using SecureApi.SecurityView;

namespace SecureApi.Auditing;

/// <summary>The security view's audit panel: the chain walked now, and the newest records (names and keys, never values).</summary>
internal sealed class AuditTrailViewSource(AuditTrail trail) : ISecurityViewAudit
{
    public async ValueTask<SecurityViewAuditSummary?> SummaryAsync(int recent, CancellationToken cancellationToken)
    {
        if (!trail.IsAvailable)
        {
            return null;
        }

        var verification = await trail.VerifyAsync(cancellationToken);
        var page = await trail.ListAsync(limit: Math.Clamp(recent, 1, 100), cancellationToken: cancellationToken);
        return new SecurityViewAuditSummary(
            verification.Records,
            verification.Valid,
            verification.FirstBrokenSequence,
            [.. page.Items.Select(r => new SecurityViewAuditRecord(
                r.Sequence, DateTimeOffset.Parse(r.Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), r.Subject, r.Operation, r.Resource, r.Outcome))]);
    }
}
