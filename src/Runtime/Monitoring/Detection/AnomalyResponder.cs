using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Monitoring.Alerts;
using SecureApi.Monitoring.Blocks;

namespace SecureApi.Monitoring.Detection;

/// <summary>
/// A detection becomes a Critical AnomalyRaised security event (logged, counted on the meter, observed), an alert queued
/// for every <see cref="IAlertSink"/> (delivered in the background), and, when the detector says so, a block.
/// </summary>
internal sealed class AnomalyResponder(IServiceProvider services) : IAnomalyResponder
{
    // Resolved at first detection: SecurityEvents is built with the detectors as observers, which hold this responder.
    private SecurityEvents? _events;
    private AlertQueue? _alerts;
    private BlockList? _blocks;
    private SecureApi.AiGuards.AgentThrottles? _throttles;

    public void Respond(Detection detection, SecurityEvent? cause, HttpContext? context)
    {
        _events ??= services.GetRequiredService<SecurityEvents>();
        _alerts ??= services.GetRequiredService<AlertQueue>();
        _blocks ??= services.GetRequiredService<BlockList>();

        var block = detection.Block is { } duration && BlockKinds.IsBlockable(detection.OffenderKind) ? duration : (TimeSpan?)null;
        var throttle = block is null && detection.Throttle is { } lowered && detection.OffenderKind == BlockKinds.Agent ? lowered : (TimeSpan?)null;
        var outcome = block is { } b ? $"blocked for {(long)b.TotalSeconds}s" : throttle is { } t ? $"throttled for {(long)t.TotalSeconds}s" : "alert only";
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{detection.Detector}: {detection.OffenderKind} {detection.Offender} reached {detection.Count} in {(long)detection.Window.TotalSeconds}s (threshold {detection.Threshold}); {outcome}");

        if (throttle is { } throttleFor)
        {
            // Before the event: whoever sees the anomaly finds the throttle in force (the local store is written at once).
            _throttles ??= services.GetRequiredService<SecureApi.AiGuards.AgentThrottles>();
            _ = _throttles.ThrottleAsync(detection.Offender, detection.Detector, throttleFor).AsTask();
        }

        var raised = cause is not null ? _events.ReportFollowing(cause, SecurityEventKind.AnomalyRaised, detail)
            : context is not null ? _events.Report(context, SecurityEventKind.AnomalyRaised, detail)
            : _events.Report(SecurityEventKind.AnomalyRaised, detail);

        _alerts.Enqueue(new SecurityAlert(
            detection.Detector,
            detection.OffenderKind,
            detection.Offender,
            detection.Count,
            detection.Threshold,
            (int)detection.Window.TotalSeconds,
            block is not null ? "block" : throttle is not null ? "throttle" : "alert",
            (block ?? throttle) is { } seconds ? (int)seconds.TotalSeconds : 0,
            raised.Time,
            raised.Endpoint,
            raised.TraceId));

        if (block is { } blockFor)
        {
            _ = _blocks.BlockAsync(detection.OffenderKind, detection.Offender, detection.Detector, blockFor, cause, context);
        }

    }
}
