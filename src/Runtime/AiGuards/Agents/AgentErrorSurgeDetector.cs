using SecureApi.Monitoring.Detection;
using SecureApi.Pipeline;

namespace SecureApi.AiGuards;

/// <summary>
/// An agent whose answers turn to errors (4xx other than 429, and 5xx): at least Threshold errors in the sliding window
/// and at least MinErrorShare of its requests there. Keyed by agent (actor and subject): one delegation misbehaving
/// says nothing about the same agent working for someone else. Two bounded tables (requests, errors), so memory stays
/// at <c>SecureApi:Detection:Capacity</c> agents each.
/// </summary>
internal sealed class AgentErrorSurgeDetector : IEndpointObserver
{
    public const string Name = "AgentErrorSurge";

    private readonly AgentDetectorOptions _options;
    private readonly TimeProvider _time;
    private readonly IAnomalyResponder _responder;
    private readonly TimeSpan _throttleFor;
    private readonly BoundedWindowTable _requests;
    private readonly BoundedWindowTable _errors;

    public AgentErrorSurgeDetector(AgentDetectorOptions options, int capacity, TimeSpan throttleFor, TimeProvider time, IAnomalyResponder responder)
    {
        _options = options;
        _time = time;
        _responder = responder;
        _throttleFor = throttleFor;
        var window = (long)(options.Window.TotalSeconds * time.TimestampFrequency);
        _requests = new BoundedWindowTable(capacity, window, 0);
        _errors = new BoundedWindowTable(capacity, window, 0);
    }

    public bool Enabled { get; init; } = true;

    public void OnCompleted(in EndpointOutcome outcome)
    {
        if (!Enabled || AgentIdentity.KeyOf(Caller.Find(outcome.Request.HttpContext)) is not { } agent)
        {
            return;
        }

        var now = _time.GetTimestamp();
        _requests.Hit(agent, now, 0, int.MaxValue, out var requests);
        if (outcome.StatusCode < 400 || outcome.StatusCode == 429)
        {
            return; // a refused budget is the limiter working, not the agent failing
        }

        var share = _options.MinErrorShare;
        if (_errors.Hit(agent, now, 0, _options.Threshold, out var errors, count => count >= share * requests))
        {
            _responder.Respond(AgentDetections.Of(Name, agent, errors, _options, _throttleFor), null, outcome.Request.HttpContext);
        }
    }
}
