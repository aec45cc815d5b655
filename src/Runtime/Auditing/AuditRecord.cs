namespace SecureApi.Auditing;

/// <summary>
/// One entry of the audit trail: who changed what, never a value. <see cref="Hash"/> is the SHA-256 of the other
/// fields and <see cref="PreviousHash"/> (see <see cref="AuditHash"/>), so editing any stored record breaks the chain there.
/// </summary>
/// <param name="Sequence">Position in the chain, 1, 2, 3, … without gaps (pruning removes a prefix).</param>
/// <param name="Time">When, UTC, as stored: fixed-width ISO 8601 text.</param>
/// <param name="Subject">Whose request: the caller's subject, or <c>(command)</c> for a service command.</param>
/// <param name="Actor">For a delegated call, the party acting for <see cref="Subject"/>; otherwise null.</param>
/// <param name="ClientKind"><c>user</c>, <c>service</c>, <c>agent</c>, or <c>-</c> outside a request.</param>
/// <param name="Resource">The resource's table (<c>notes</c>), or <c>api_keys</c>, <c>blocks</c>.</param>
/// <param name="Key">The row's key (or the API key's id).</param>
/// <param name="Operation">One of <see cref="AuditOperations"/>.</param>
/// <param name="ChangedMembers">For an update, the JSON names of the members the request set; otherwise null.</param>
/// <param name="Outcome">Always <c>succeeded</c>: a failed write rolls back and leaves no record.</param>
/// <param name="TraceId">The W3C trace id of the request, or its identifier; null outside a request.</param>
/// <param name="PreviousHash">The hash of the record before (or the pruning anchor's; 64 zeros for the first).</param>
/// <param name="Hash">Lower-case hex SHA-256 of this record.</param>
public sealed record AuditRecord(
    long Sequence,
    string Time,
    string Subject,
    string? Actor,
    string ClientKind,
    string Resource,
    string Key,
    string Operation,
    IReadOnlyList<string>? ChangedMembers,
    string Outcome,
    string? TraceId,
    string PreviousHash,
    string Hash);
