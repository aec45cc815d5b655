using SecureApi.Monitoring.Detection;
using SecureApi.Pipeline;

namespace SecureApi.AiGuards;

/// <summary>
/// Calls outside an agent's usual endpoints. The baseline is learned per actor (the agent software, across every user it
/// acts for: what it calls is a property of the agent, and a fresh delegation must not restart the warm-up): the
/// endpoints of its first WarmUpRequests requests. After that, each endpoint it never called counts once, and Threshold
/// of them in the window raise an anomaly against the agent (actor and subject) making the call. With Redis configured
/// the baseline and the count are shared by every instance (<see cref="SharedAgentBaselines"/>,
/// <see cref="SharedDetectorWindows"/>): what an actor learned on one instance is usual on all, and survives a restart.
/// Locally (no Redis, or while it is unreachable) memory is at most <c>SecureApi:Detection:Capacity</c> actors (past it
/// a new actor is not baselined) and, per actor, at most <see cref="MaxEndpoints"/> endpoint names (the service's own,
/// fixed at start-up); a restart learns again.
/// </summary>
internal sealed class AgentNewEndpointDetector : IAsyncEndpointObserver
{
    public const string Name = "AgentNewEndpoint";
    public const int MaxEndpoints = 1024;

    private readonly AgentDetectorOptions _options;
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private readonly IAnomalyResponder _responder;
    private readonly TimeSpan _throttleFor;
    private readonly Dictionary<string, Baseline> _actors = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly BoundedWindowTable _newCalls;
    private readonly SharedAgentBaselines _sharedBaselines;
    private readonly SharedDetectorWindows _sharedWindows;

    public AgentNewEndpointDetector(
        AgentDetectorOptions options, int capacity, TimeSpan throttleFor, TimeProvider time, IAnomalyResponder responder,
        SharedAgentBaselines? sharedBaselines = null, SharedDetectorWindows? sharedWindows = null)
    {
        _options = options;
        _capacity = capacity;
        _time = time;
        _responder = responder;
        _throttleFor = throttleFor;
        _newCalls = new BoundedWindowTable(capacity, (long)(options.Window.TotalSeconds * time.TimestampFrequency), 0);
        _sharedBaselines = sharedBaselines ?? new SharedAgentBaselines(null);
        _sharedWindows = sharedWindows ?? new SharedDetectorWindows(null);
    }

    public bool Enabled { get; init; } = true;

    /// <summary>Learns and counts in this instance only (the pipeline calls <see cref="OnCompletedAsync"/>, which shares both when it can).</summary>
    public void OnCompleted(in EndpointOutcome outcome)
    {
        if (!Enabled || Caller.Find(outcome.Request.HttpContext) is not { ClientKind: ClientKind.Agent } caller)
        {
            return;
        }

        var actor = AgentIdentity.ActorOf(caller);
        if (IsNewLocally(actor, outcome.Request.Endpoint.Name))
        {
            CountLocally(outcome, AgentIdentity.Key(actor, caller.Subject));
        }
    }

    public ValueTask OnCompletedAsync(EndpointOutcome outcome)
    {
        if (!Enabled || Caller.Find(outcome.Request.HttpContext) is not { ClientKind: ClientKind.Agent } caller)
        {
            return ValueTask.CompletedTask;
        }

        if (_sharedBaselines.IsShared)
        {
            return ObserveSharedAsync(outcome, caller);
        }

        OnCompleted(in outcome);
        return ValueTask.CompletedTask;
    }

    private async ValueTask ObserveSharedAsync(EndpointOutcome outcome, Caller caller)
    {
        var actor = AgentIdentity.ActorOf(caller);
        var endpoint = outcome.Request.Endpoint.Name;
        var isNew = await _sharedBaselines.IsNewAsync(actor, endpoint, _options.WarmUpRequests).ConfigureAwait(false) ?? IsNewLocally(actor, endpoint);
        if (!isNew)
        {
            return;
        }

        var agent = AgentIdentity.Key(actor, caller.Subject);
        if (await _sharedWindows.HitAsync(Name, agent, _options.Window, _options.Threshold).ConfigureAwait(false) is not { } hit)
        {
            CountLocally(outcome, agent); // Redis unreachable: this instance's own count
        }
        else if (hit.Fired)
        {
            _responder.Respond(AgentDetections.Of(Name, agent, hit.Estimate, _options, _throttleFor), null, outcome.Request.HttpContext);
        }
    }

    /// <summary>Learns <paramref name="endpoint"/> for <paramref name="actor"/>; true when it is new after the warm-up (it is usual from now on).</summary>
    private bool IsNewLocally(string actor, string endpoint)
    {
        lock (_lock)
        {
            if (!_actors.TryGetValue(actor, out var baseline))
            {
                if (_actors.Count >= _capacity)
                {
                    return false;
                }

                _actors[actor] = baseline = new Baseline();
            }

            if (baseline.Requests < _options.WarmUpRequests)
            {
                baseline.Requests++;
                if (baseline.Endpoints.Count < MaxEndpoints)
                {
                    baseline.Endpoints.Add(endpoint);
                }

                return false;
            }

            if (baseline.Endpoints.Contains(endpoint) || baseline.Endpoints.Count >= MaxEndpoints)
            {
                return false;
            }

            baseline.Endpoints.Add(endpoint); // each new endpoint counts once
            return true;
        }
    }

    private void CountLocally(in EndpointOutcome outcome, string agent)
    {
        if (_newCalls.Hit(agent, _time.GetTimestamp(), 0, _options.Threshold, out var count))
        {
            _responder.Respond(AgentDetections.Of(Name, agent, count, _options, _throttleFor), null, outcome.Request.HttpContext);
        }
    }

    private sealed class Baseline
    {
        public int Requests;
        public HashSet<string> Endpoints { get; } = new(StringComparer.Ordinal);
    }
}
