using SecureApi.Monitoring.Detection;
using SecureApi.Pipeline;

namespace SecureApi.AiGuards;

/// <summary>
/// An agent whose answers turn to errors (4xx other than 429, and 5xx): at least Threshold errors in the sliding window
/// and at least MinErrorShare of its requests there. Keyed by agent (actor and subject): one delegation misbehaving
/// says nothing about the same agent working for someone else. With Redis configured both counts are shared by every
/// instance (<see cref="SharedDetectorWindows"/>: a surge split across instances is one surge); otherwise, or while
/// Redis is unreachable, two bounded tables (requests, errors), so memory stays at <c>SecureApi:Detection:Capacity</c> agents each.
/// </summary>
internal sealed class AgentErrorSurgeDetector : IAsyncEndpointObserver
{
    public const string Name = "AgentErrorSurge";

    private readonly AgentDetectorOptions _options;
    private readonly TimeProvider _time;
    private readonly IAnomalyResponder _responder;
    private readonly TimeSpan _throttleFor;
    private readonly BoundedWindowTable _requests;
    private readonly BoundedWindowTable _errors;
    private readonly SharedDetectorWindows _shared;

    public AgentErrorSurgeDetector(AgentDetectorOptions options, int capacity, TimeSpan throttleFor, TimeProvider time, IAnomalyResponder responder, SharedDetectorWindows? shared = null)
    {
        _shared = shared ?? new SharedDetectorWindows(null);
        _options = options;
        _time = time;
        _responder = responder;
        _throttleFor = throttleFor;
        var window = (long)(options.Window.TotalSeconds * time.TimestampFrequency);
        _requests = new BoundedWindowTable(capacity, window, 0);
        _errors = new BoundedWindowTable(capacity, window, 0);
    }

    public bool Enabled { get; init; } = true;

    /// <summary>Counts in this instance only (the pipeline calls <see cref="OnCompletedAsync"/>, which shares the count when it can).</summary>
    public void OnCompleted(in EndpointOutcome outcome)
    {
        if (Enabled && AgentIdentity.KeyOf(Caller.Find(outcome.Request.HttpContext)) is { } agent)
        {
            CountLocally(outcome, agent);
        }
    }

    public ValueTask OnCompletedAsync(EndpointOutcome outcome)
    {
        if (!Enabled || AgentIdentity.KeyOf(Caller.Find(outcome.Request.HttpContext)) is not { } agent)
        {
            return ValueTask.CompletedTask;
        }

        if (!_shared.IsShared)
        {
            CountLocally(outcome, agent);
            return ValueTask.CompletedTask;
        }

        return CountSharedAsync(outcome, agent);
    }

    private async ValueTask CountSharedAsync(EndpointOutcome outcome, string agent)
    {
        var isError = IsError(outcome.StatusCode);
        if (await _shared.ErrorShareAsync(Name, agent, _options.Window, _options.Threshold, _options.MinErrorShare, isError).ConfigureAwait(false) is not { } hit)
        {
            CountLocally(outcome, agent); // Redis unreachable: this instance's own count
        }
        else if (hit.Fired)
        {
            _responder.Respond(AgentDetections.Of(Name, agent, hit.Estimate, _options, _throttleFor), null, outcome.Request.HttpContext);
        }
    }

    private void CountLocally(in EndpointOutcome outcome, string agent)
    {
        var now = _time.GetTimestamp();
        _requests.Hit(agent, now, 0, int.MaxValue, out var requests);
        if (!IsError(outcome.StatusCode))
        {
            return;
        }

        var share = _options.MinErrorShare;
        if (_errors.Hit(agent, now, 0, _options.Threshold, out var errors, count => count >= share * requests))
        {
            _responder.Respond(AgentDetections.Of(Name, agent, errors, _options, _throttleFor), null, outcome.Request.HttpContext);
        }
    }

    /// <summary>4xx but 429, and 5xx: a refused budget is the limiter working, not the agent failing.</summary>
    private static bool IsError(int status) => status >= 400 && status != 429;
}
