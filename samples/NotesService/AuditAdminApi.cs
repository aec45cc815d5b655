using SecureApi;
using SecureApi.Auditing;

namespace NotesService;

/// <summary>
/// The audit trail, read-only: admins only, and only people (as /admin/keys). There is no endpoint that changes a record:
/// the trail is appended by the writes it records and pruned only by retention (<c>SecureApi:Audit:RetentionDays</c>).
/// </summary>
[Endpoints("/admin/audit"), RequireRole("admin"), RequireClientKind(ClientKind.User)]
public sealed partial class AuditAdminApi(AuditTrail trail)
{
    /// <summary>Newest first; <c>?before=</c> the previous page's <c>nextBefore</c> for older records, <c>?limit=</c> 1–100.</summary>
    [Get("")]
    public Task<AuditPage> List(long? before, int? limit, CancellationToken cancellationToken) =>
        trail.ListAsync(before, limit ?? 50, cancellationToken);

    /// <summary>Walks the hash chain: <c>{ "valid": false, "firstBrokenSequence": n }</c> names the first record that was changed.</summary>
    [Get("/verify")]
    public Task<AuditVerification> Verify(CancellationToken cancellationToken) => trail.VerifyAsync(cancellationToken);
}
