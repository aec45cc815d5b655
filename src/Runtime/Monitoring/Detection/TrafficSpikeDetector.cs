using System.Collections.Concurrent;
using SecureApi.Pipeline;

namespace SecureApi.Monitoring.Detection;

/// <summary>
/// Counts the requests each endpoint answers per window and compares a window with the endpoint's own baseline (an
/// exponentially weighted mean of its earlier windows): a window that reaches Threshold and Multiplier times the
/// baseline raises one alert. Needs one finished window first, so a fresh instance never alerts on its first traffic.
/// Memory: one small entry per endpoint, and endpoints are the service's own (fixed at start-up), not the client's.
/// </summary>
internal sealed class TrafficSpikeDetector(TrafficSpikeOptions options, bool enabled, TimeProvider time, IAnomalyResponder responder) : IEndpointObserver
{
    private const double Smoothing = 0.3;

    private readonly ConcurrentDictionary<string, Entry> _endpoints = new(StringComparer.Ordinal);
    private readonly long _window = (long)(options.Window.TotalSeconds * time.TimestampFrequency);

    public void OnCompleted(in EndpointOutcome outcome)
    {
        if (!enabled)
        {
            return;
        }

        var name = outcome.Request.Endpoint.Name;
        var entry = _endpoints.GetOrAdd(name, static (_, start) => new Entry(start), time.GetTimestamp());
        var now = time.GetTimestamp();
        int count;
        double baseline;
        lock (entry)
        {
            var elapsed = now - entry.WindowStart;
            if (elapsed >= _window)
            {
                // Each finished window (empty ones too) moves the baseline.
                var windows = Math.Min(elapsed / _window, 100);
                entry.Baseline = entry.HasBaseline ? entry.Baseline + (Smoothing * (entry.Current - entry.Baseline)) : entry.Current;
                for (var i = 1; i < windows; i++)
                {
                    entry.Baseline -= Smoothing * entry.Baseline;
                }

                entry.HasBaseline = true;
                entry.Current = 0;
                entry.Alerted = false;
                entry.WindowStart += elapsed / _window * _window;
            }

            count = ++entry.Current;
            baseline = entry.Baseline;
            if (!entry.HasBaseline || entry.Alerted || count < options.Threshold || count < options.Multiplier * Math.Max(1, baseline))
            {
                return;
            }

            entry.Alerted = true;
        }

        responder.Respond(
            new Detection("TrafficSpike", BlockKinds.Endpoint, name, count, options.Threshold, options.Window, null),
            null,
            outcome.Request.HttpContext);
    }

    private sealed class Entry(long windowStart)
    {
        public long WindowStart = windowStart;
        public int Current;
        public double Baseline;
        public bool HasBaseline;
        public bool Alerted;
    }
}
