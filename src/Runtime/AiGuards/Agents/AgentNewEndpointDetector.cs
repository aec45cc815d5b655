using SecureApi.Monitoring.Detection;
using SecureApi.Pipeline;

namespace SecureApi.AiGuards;

/// <summary>
/// Calls outside an agent's usual endpoints. The baseline is learned per actor (the agent software, across every user it
/// acts for: what it calls is a property of the agent, and a fresh delegation must not restart the warm-up): the
/// endpoints of its first WarmUpRequests requests. After that, each endpoint it never called counts once, and Threshold
/// of them in the window raise an anomaly against the agent (actor and subject) making the call. Memory: at most
/// <c>SecureApi:Detection:Capacity</c> actors (past it a new actor is not baselined) and, per actor, at most
/// <see cref="MaxEndpoints"/> endpoint names (the service's own, fixed at start-up). Per instance: a restart learns again.
/// </summary>
internal sealed class AgentNewEndpointDetector : IEndpointObserver
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

    public AgentNewEndpointDetector(AgentDetectorOptions options, int capacity, TimeSpan throttleFor, TimeProvider time, IAnomalyResponder responder)
    {
        _options = options;
        _capacity = capacity;
        _time = time;
        _responder = responder;
        _throttleFor = throttleFor;
        _newCalls = new BoundedWindowTable(capacity, (long)(options.Window.TotalSeconds * time.TimestampFrequency), 0);
    }

    public bool Enabled { get; init; } = true;

    public void OnCompleted(in EndpointOutcome outcome)
    {
        var caller = Caller.Find(outcome.Request.HttpContext);
        if (!Enabled || caller is not { ClientKind: ClientKind.Agent })
        {
            return;
        }

        var actor = AgentIdentity.ActorOf(caller);
        var endpoint = outcome.Request.Endpoint.Name;
        lock (_lock)
        {
            if (!_actors.TryGetValue(actor, out var baseline))
            {
                if (_actors.Count >= _capacity)
                {
                    return;
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

                return;
            }

            if (baseline.Endpoints.Contains(endpoint) || baseline.Endpoints.Count >= MaxEndpoints)
            {
                return;
            }

            baseline.Endpoints.Add(endpoint); // each new endpoint counts once
        }

        var agent = AgentIdentity.Key(actor, caller.Subject);
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
