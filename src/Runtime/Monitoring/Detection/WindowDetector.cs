using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SecureApi.Monitoring.Detection;

/// <summary>
/// Counts one kind of security event per offender in a sliding window (a <see cref="BoundedWindowTable"/>, so memory is
/// bounded whatever the number of offenders) and responds once per offender per window when the count reaches the
/// threshold. With <c>distinctIds</c> it counts distinct ids instead (each event's detail, e.g. <c>id=42</c>, as a
/// 64-bit hash: the id itself is never kept). With Redis configured the windows are shared by every instance
/// (<see cref="SharedDetectorWindows"/>): events are counted there in the background (an event is raised synchronously,
/// so the count follows it by one round trip; at most <see cref="MaxPending"/> counts wait at a time, any more are
/// counted locally), and locally again while Redis is unreachable. Nothing awaits those counts, so what fails in one
/// (the response it raises, say) is logged here, as <see cref="SecurityEvents"/> logs an observer that fails inline.
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
    private readonly SharedDetectorWindows _shared;
    private readonly int _distinctCap;
    private readonly ILogger _logger;
    private int _pending;

    /// <summary>Shared counts waiting on Redis at most; past it events are counted locally, so a flood cannot pile up tasks.</summary>
    public const int MaxPending = 1024;

    public WindowDetector(string name, SecurityEventKind kind, bool perAddressOnly, bool distinctIds, DetectorOptions options, int capacity, TimeProvider time, IAnomalyResponder responder, TimeSpan? throttleFor = null, SharedDetectorWindows? shared = null, ILogger<WindowDetector>? logger = null)
    {
        _logger = logger ?? NullLogger<WindowDetector>.Instance;
        _shared = shared ?? new SharedDetectorWindows(null);
        _distinctCap = distinctIds ? Math.Clamp(options.Threshold, 1, 1024) : 0;
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
            _distinctCap);
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
        var key = offenderKind + ":" + offender;
        if (_shared.IsShared && Interlocked.Increment(ref _pending) <= MaxPending)
        {
            _ = CountSharedAsync(securityEvent, offenderKind, offender, key, id);
            return;
        }

        if (_shared.IsShared)
        {
            Interlocked.Decrement(ref _pending);
        }

        CountLocally(securityEvent, offenderKind, offender, key, id);
    }

    private async Task CountSharedAsync(SecurityEvent securityEvent, string offenderKind, string offender, string key, ulong id)
    {
        try
        {
            if (await _shared.HitAsync(_name, key, _options.Window, _options.Threshold, _distinctCap, id).ConfigureAwait(false) is not { } hit)
            {
                CountLocally(securityEvent, offenderKind, offender, key, id); // Redis unreachable: this instance's own count
            }
            else if (hit.Fired)
            {
                Respond(securityEvent, offenderKind, offender, hit.Estimate);
            }
        }
        catch (Exception exception)
        {
            SecurityLog.ObserverFailed(_logger, exception, _name, securityEvent.Kind);
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    private void CountLocally(SecurityEvent securityEvent, string offenderKind, string offender, string key, ulong id)
    {
        if (Table.Hit(key, _time.GetTimestamp(), id, _options.Threshold, out var count))
        {
            Respond(securityEvent, offenderKind, offender, count);
        }
    }

    private void Respond(SecurityEvent securityEvent, string offenderKind, string offender, int count) =>
        _responder.Respond(
            new Detection(
                _name, offenderKind, offender, count, _options.Threshold, _options.Window,
                _options.Response == DetectorResponse.Block ? _options.BlockDuration : null,
                _options.Response == DetectorResponse.Throttle ? _throttleFor : null),
            securityEvent,
            null);
}
