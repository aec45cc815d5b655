namespace SecureApi.Auditing;

/// <summary>A page of the trail, newest first; pass <see cref="NextBefore"/> as <c>before</c> for the next (older) page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, long? NextBefore);
