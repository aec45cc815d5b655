using System.Diagnostics.Tracing;

namespace SecureApi.Benchmarks.Allocation;

/// <summary>
/// The runtime's own allocation sampling (GCAllocationTick: one event per about 100 KB allocated, naming the type that
/// crossed the mark), listened to in-process: which types the bytes go to, without a profiler. Samples, so small counts
/// are noise; over a few thousand requests the big items stand out.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytesByType = [];
    private bool _recording;

    public void Start()
    {
        lock (_bytesByType)
        {
            _bytesByType.Clear();
            _recording = true;
        }
    }

    /// <summary>Stops and returns the sampled types, most bytes first.</summary>
    public IReadOnlyList<(string Type, long Bytes)> Stop()
    {
        lock (_bytesByType)
        {
            _recording = false;
            return [.. _bytesByType.Select(pair => (pair.Key, pair.Value)).OrderByDescending(pair => pair.Value)];
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var typeName = eventData.PayloadNames?.IndexOf("TypeName") is { } index and >= 0 ? eventData.Payload[index] as string ?? "?" : "?";
        var amountIndex = eventData.PayloadNames?.IndexOf("AllocationAmount64") ?? -1;
        var amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_bytesByType)
        {
            if (_recording)
            {
                _bytesByType[typeName] = _bytesByType.GetValueOrDefault(typeName) + amount;
            }
        }
    }
}
