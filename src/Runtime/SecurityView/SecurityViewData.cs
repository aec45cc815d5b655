namespace SecureApi.SecurityView;

/// <summary>
/// What the security view's data endpoint answers. <see cref="Blocks"/> and <see cref="Audit"/> are null when no
/// provider is registered: the page then says "not available" rather than showing an empty list that looks healthy.
/// </summary>
internal sealed record SecurityViewData(
    DateTimeOffset Now,
    IReadOnlyList<SecurityViewMinute> Minutes,
    IReadOnlyList<SecurityViewTally> TopDeniedCallers,
    IReadOnlyList<SecurityViewTally> TopDeniedAddresses,
    IReadOnlyList<SecurityViewEvent> RecentAlerts,
    IReadOnlyList<SecurityViewEvent> RecentEvents,
    IReadOnlyList<SecurityViewBlock>? Blocks,
    SecurityViewAuditSummary? Audit);

/// <summary>Answers in one minute, by <see cref="OutcomeClass"/>.</summary>
internal sealed record SecurityViewMinute(DateTimeOffset Minute, long Success, long ClientError, long Denied, long RateLimited, long ServerError);

/// <summary>A name (caller or address) and how often it was denied.</summary>
internal sealed record SecurityViewTally(string Name, long Count);

/// <summary>One security event as the page shows it: the fields every event carries, with its id and name.</summary>
internal sealed record SecurityViewEvent(
    DateTimeOffset Time,
    int Id,
    string Name,
    string Endpoint,
    string Caller,
    string ClientKind,
    string ClientIp,
    string? Detail,
    string TraceId);

/// <summary>One block in force: what is blocked (an address, caller or key), why, since when and until when.</summary>
internal sealed record SecurityViewBlock(string Target, string Reason, DateTimeOffset? Since, DateTimeOffset? Until);

/// <summary>The audit trail: how many records, whether the hash chain verifies, the first broken link, the latest records.</summary>
internal sealed record SecurityViewAuditSummary(long Records, bool Valid, long? FirstBroken, IReadOnlyList<SecurityViewAuditRecord> Recent);

/// <summary>One audit record as the page shows it (names and keys only, never values).</summary>
internal sealed record SecurityViewAuditRecord(long Sequence, DateTimeOffset Time, string Subject, string Operation, string Resource, string Outcome);
