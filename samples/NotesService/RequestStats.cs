using System.Collections.Concurrent;
using SecureApi.Pipeline;

namespace NotesService;

/// <summary>
/// The pipeline's extension point in use: an observer that sees every request's outcome and keeps counts per endpoint,
/// which admins read at <c>GET /admin/stats</c>. Metrics, audit and security events plug in the same way.
/// </summary>
public sealed class RequestStats : IEndpointObserver
{
    private readonly ConcurrentDictionary<string, Counts> _byEndpoint = new(StringComparer.Ordinal);

    public void OnCompleted(in EndpointOutcome outcome)
    {
        var counts = _byEndpoint.GetOrAdd(outcome.Request.Endpoint.Name, static _ => new Counts());
        switch (outcome.StatusCode)
        {
            case < 400:
                Interlocked.Increment(ref counts.Succeeded);
                break;
            case < 500:
                Interlocked.Increment(ref counts.Refused);
                break;
            default:
                Interlocked.Increment(ref counts.Failed);
                break;
        }
    }

    public EndpointStats[] Snapshot() =>
        [.. _byEndpoint.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new EndpointStats(e.Key, e.Value.Succeeded, e.Value.Refused, e.Value.Failed))];

    private sealed class Counts
    {
        public long Succeeded;
        public long Refused;
        public long Failed;
    }
}

/// <summary>Requests to one endpoint since start-up: answered 2xx/3xx, refused 4xx, failed 5xx.</summary>
public sealed record EndpointStats(string Endpoint, long Succeeded, long Refused, long Failed);
