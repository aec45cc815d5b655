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

    public void Respond(Detection detection, SecurityEvent? cause, HttpContext? context)
    {
        _events ??= services.GetRequiredService<SecurityEvents>();
        _alerts ??= services.GetRequiredService<AlertQueue>();
        _blocks ??= services.GetRequiredService<BlockList>();

        var block = detection.Block is { } duration && BlockKinds.IsBlockable(detection.OffenderKind) ? duration : (TimeSpan?)null;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{detection.Detector}: {detection.OffenderKind} {detection.Offender} reached {detection.Count} in {(long)detection.Window.TotalSeconds}s (threshold {detection.Threshold}); {(block is { } b ? $"blocked for {(long)b.TotalSeconds}s" : "alert only")}");

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
            block is null ? "alert" : "block",
            block is { } seconds ? (int)seconds.TotalSeconds : 0,
            raised.Time,
            raised.Endpoint,
            raised.TraceId));

        if (block is { } blockFor)
        {
            _ = _blocks.BlockAsync(detection.OffenderKind, detection.Offender, detection.Detector, blockFor, cause, context);
        }
    }
}
