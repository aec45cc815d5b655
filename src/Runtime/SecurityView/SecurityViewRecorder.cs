using SecureApi.Monitoring;

namespace SecureApi.SecurityView;

/// <summary>
/// What the security view shows that only this instance saw, in fixed memory: answers per minute for an hour
/// (<see cref="OutcomeTimeline"/>, 60 buckets), the most-denied callers and addresses (<see cref="HeavyHitters"/>,
/// <see cref="TrackedNames"/> counters each), the last <see cref="RecentEventCount"/> security events and the last
/// <see cref="RecentAlertCount"/> anomalies. Nothing here grows with the number of requests, callers or addresses.
/// </summary>
internal sealed class SecurityViewRecorder(TimeProvider time) : ISecurityEventObserver
{
    public const int TrackedNames = 256;
    public const int TopCount = 10;
    public const int RecentEventCount = 50;
    public const int RecentAlertCount = 20;

    private readonly OutcomeTimeline _timeline = new();
    private readonly HeavyHitters _callers = new(TrackedNames);
    private readonly HeavyHitters _addresses = new(TrackedNames);
    private readonly RecentItems<SecurityViewEvent> _events = new(RecentEventCount);
    private readonly RecentItems<SecurityViewEvent> _alerts = new(RecentAlertCount);

    /// <summary>One answered request (any route, including refusals the endpoints never saw).</summary>
    public void RequestCompleted(int statusCode) => _timeline.Record(time.GetUtcNow(), statusCode);

    public void OnSecurityEvent(SecurityEvent securityEvent)
    {
        var view = new SecurityViewEvent(
            securityEvent.Time,
            (int)securityEvent.Kind,
            SecurityEventNames.Of(securityEvent.Kind),
            securityEvent.Endpoint,
            securityEvent.Caller,
            securityEvent.ClientKind,
            securityEvent.ClientIp,
            securityEvent.Detail,
            securityEvent.TraceId);
        _events.Add(view);
        if (securityEvent.Kind == SecurityEventKind.AnomalyRaised)
        {
            _alerts.Add(view);
        }

        if (IsDenial(securityEvent.Kind))
        {
            // An anonymous caller is counted by address only: "anonymous" at the top of the callers says nothing.
            if (securityEvent.Caller is not (SecurityEvents.Anonymous or SecurityEvents.None))
            {
                _callers.Add(securityEvent.Caller);
            }

            if (securityEvent.ClientIp is not SecurityEvents.None)
            {
                _addresses.Add(securityEvent.ClientIp);
            }
        }
    }

    public SecurityViewData Snapshot(IReadOnlyList<SecurityViewBlock>? blocks, SecurityViewAuditSummary? audit)
    {
        var now = time.GetUtcNow();
        return new SecurityViewData(
            now,
            _timeline.Snapshot(now),
            _callers.Top(TopCount),
            _addresses.Top(TopCount),
            _alerts.Snapshot(),
            _events.Snapshot(),
            blocks,
            audit);
    }

    /// <summary>A caller refused: credentials refused, a rule denied, an owned record not theirs, or a rate limit.</summary>
    internal static bool IsDenial(SecurityEventKind kind) => kind is SecurityEventKind.AuthenticationFailed
        or SecurityEventKind.AuthorizationDenied
        or SecurityEventKind.NotFoundOrNotYours
        or SecurityEventKind.RateLimited;
}
