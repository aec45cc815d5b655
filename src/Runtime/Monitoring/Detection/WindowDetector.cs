using System.IO.Hashing;
using System.Text;

namespace SecureApi.Monitoring.Detection;

/// <summary>
/// Counts one kind of security event per offender in a sliding window (a <see cref="BoundedWindowTable"/>, so memory is
/// bounded whatever the number of offenders) and responds once per offender per window when the count reaches the
/// threshold. With <c>distinctIds</c> it counts distinct ids instead (each event's detail, e.g. <c>id=42</c>, as a
/// 64-bit hash: the id itself is never kept).
/// </summary>
internal sealed class WindowDetector : ISecurityEventObserver
{
    private readonly string _name;
    private readonly SecurityEventKind _kind;
    private readonly bool _perAddressOnly;
    private readonly DetectorOptions _options;
    private readonly TimeProvider _time;
    private readonly IAnomalyResponder _responder;
    private readonly TimeSpan _throttleFor;

    public WindowDetector(string name, SecurityEventKind kind, bool perAddressOnly, bool distinctIds, DetectorOptions options, int capacity, TimeProvider time, IAnomalyResponder responder, TimeSpan? throttleFor = null)
    {
        _throttleFor = throttleFor ?? TimeSpan.FromMinutes(15);
        _name = name;
        _kind = kind;
        _perAddressOnly = perAddressOnly;
        _options = options;
        _time = time;
        _responder = responder;
        Table = new BoundedWindowTable(
            capacity,
            (long)(options.Window.TotalSeconds * time.TimestampFrequency),
            distinctIds ? Math.Clamp(options.Threshold, 1, 1024) : 0);
    }

    /// <summary>False when switched off by <c>Enabled</c> (its own or the section's): it then counts nothing.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The offenders being counted (for the memory-bound test).</summary>
    internal BoundedWindowTable Table { get; }

    public void OnSecurityEvent(SecurityEvent securityEvent)
    {
        if (!Enabled || securityEvent.Kind != _kind)
        {
            return;
        }

        // Anonymous requests are counted per address; an authenticated caller is counted as the caller, wherever from.
        // An agent is counted as the agent (its actor and the subject it acts for), so what it does never blocks its user.
        var byCaller = !_perAddressOnly && securityEvent.Caller != SecurityEvents.Anonymous && securityEvent.Caller != SecurityEvents.None;
        var (offenderKind, offender) = !byCaller ? (BlockKinds.Ip, securityEvent.ClientIp)
            : securityEvent.Actor is { } actor ? (BlockKinds.Agent, SecureApi.AiGuards.AgentIdentity.Key(actor, securityEvent.Caller))
            : (BlockKinds.Caller, securityEvent.Caller);
        if (offender == SecurityEvents.None)
        {
            return;
        }

        var id = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(string.Concat(securityEvent.Endpoint, "\n", securityEvent.Detail)));
        if (Table.Hit(offenderKind + ":" + offender, _time.GetTimestamp(), id, _options.Threshold, out var count))
        {
            _responder.Respond(
                new Detection(
                    _name, offenderKind, offender, count, _options.Threshold, _options.Window,
                    _options.Response == DetectorResponse.Block ? _options.BlockDuration : null,
                    _options.Response == DetectorResponse.Throttle ? _throttleFor : null),
                securityEvent,
                null);
        }
    }
}
