using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SecureApi.Monitoring;

/// <summary>
/// The <c>SecureApi</c> meter and its instruments. One instance per host, made through the host's
/// <see cref="IMeterFactory"/> (so two hosts in one process, as in tests, count apart); the meter's name is always
/// <see cref="MeterName"/>, which is what an exporter subscribes to. Instrument and tag names follow the OpenTelemetry
/// semantic conventions where one exists.
/// </summary>
internal sealed class SecureApiMetrics
{
    public const string MeterName = "SecureApi";

    private readonly Counter<long> _events;
    private readonly Counter<long> _authenticationFailures;
    private readonly Counter<long> _authorizationDenials;
    private readonly Counter<long> _validationFailures;
    private readonly Counter<long> _rateLimitRejections;
    private readonly Counter<long> _loadSheddingRejections;
    private readonly Counter<long> _auditWrites;
    private readonly Counter<long> _anomalies;
    private readonly Counter<long> _outputFindings;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _untrustedTextHits;
    private readonly Histogram<double> _requestDuration;

    // Set by the blocks work when it starts: the number of blocks in force. Until then the gauge reports 0.
    private Func<long> _activeBlocks = static () => 0;

    public SecureApiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _events = meter.CreateCounter<long>("secureapi.security.events", "{event}", "Security events, tagged by event name.");
        _authenticationFailures = meter.CreateCounter<long>("secureapi.authentication.failures", "{failure}", "Credentials presented and refused.");
        _authorizationDenials = meter.CreateCounter<long>("secureapi.authorization.denials", "{denial}", "Authenticated callers refused (403).");
        _validationFailures = meter.CreateCounter<long>("secureapi.validation.failures", "{failure}", "Requests refused by validation (400).");
        _rateLimitRejections = meter.CreateCounter<long>("secureapi.ratelimit.rejections", "{rejection}", "Requests refused by a rate limit (429).");
        _loadSheddingRejections = meter.CreateCounter<long>("secureapi.loadshedding.rejections", "{rejection}", "Requests shed because the service was saturated (503).");
        _auditWrites = meter.CreateCounter<long>("secureapi.audit.writes", "{record}", "Audit records appended.");
        _anomalies = meter.CreateCounter<long>("secureapi.anomalies", "{anomaly}", "Anomalies raised by the detectors.");
        _outputFindings = meter.CreateCounter<long>("secureapi.output.filtered", "{finding}", "Personal data and secrets the output firewall redacted or withheld, tagged by kind and action.");
        meter.CreateObservableGauge("secureapi.blocks.active", () => _activeBlocks(), "{block}", "Blocks in force.");
        _requests = meter.CreateCounter<long>("secureapi.requests", "{request}", "Requests answered by SecureApi endpoints.");
        _untrustedTextHits = meter.CreateCounter<long>("secureapi.untrusted_text.hits", "{hit}", "Screening rules matched by [UntrustedText] members, tagged by rule and action.");
        _requestDuration = meter.CreateHistogram<double>(
            "secureapi.request.duration",
            "s",
            "Time SecureApi endpoints took to answer.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });
    }

    /// <summary>Counts one security event: on the events counter and on its kind's own counter, if it has one.</summary>
    public void SecurityEvent(SecurityEventKind kind)
    {
        _events.Add(1, new KeyValuePair<string, object?>("secureapi.event.name", SecurityEventNames.Of(kind)));
        var counter = kind switch
        {
            SecurityEventKind.AuthenticationFailed => _authenticationFailures,
            SecurityEventKind.AuthorizationDenied => _authorizationDenials,
            SecurityEventKind.ValidationFailed => _validationFailures,
            SecurityEventKind.RateLimited => _rateLimitRejections,
            SecurityEventKind.LoadShed => _loadSheddingRejections,
            SecurityEventKind.AnomalyRaised => _anomalies,
            _ => null,
        };
        counter?.Add(1);
    }

    /// <summary>Counts one screening rule matched by an <c>[UntrustedText]</c> member, and what it did (reject, quarantine, report).</summary>
    public void UntrustedTextHit(string rule, string action) => _untrustedTextHits.Add(
        1,
        new KeyValuePair<string, object?>("secureapi.untrusted_text.rule", rule),
        new KeyValuePair<string, object?>("secureapi.untrusted_text.action", action));
    /// <summary>Counts what the output firewall found of one kind in one text; <paramref name="refused"/>: the text was withheld.</summary>
    public void OutputFiltered(string kind, int count, bool refused) =>
        _outputFindings.Add(count, new KeyValuePair<string, object?>("secureapi.output.kind", kind), new KeyValuePair<string, object?>("secureapi.output.action", refused ? "refuse" : "redact"));

    /// <summary>Counts one audit record appended (the audit trail calls this after its transaction commits).</summary>
    public void AuditWritten() => _auditWrites.Add(1);

    /// <summary>Where the active-blocks gauge reads its value from.</summary>
    public void ObserveActiveBlocks(Func<long> activeBlocks) => _activeBlocks = activeBlocks ?? throw new ArgumentNullException(nameof(activeBlocks));

    /// <summary>One answered request, tagged with the OpenTelemetry HTTP server names.</summary>
    public void RequestCompleted(string route, string method, int statusCode, TimeSpan elapsed)
    {
        // With no listener there is nothing to record: no tags built, no status code boxed.
        if (!_requests.Enabled && !_requestDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "http.route", route },
            { "http.request.method", method },
            { "http.response.status_code", BoxedStatusCodes.Of(statusCode) },
        };
        _requests.Add(1, tags);
        _requestDuration.Record(elapsed.TotalSeconds, tags);
    }
}
