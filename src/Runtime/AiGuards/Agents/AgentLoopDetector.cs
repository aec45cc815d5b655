using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using SecureApi.Monitoring.Detection;
using SecureApi.Pipeline;

namespace SecureApi.AiGuards;

/// <summary>
/// An agent repeating itself: the same call — endpoint, route values, query string and bound body — Threshold times in
/// the sliding window. A guard, because the bound body is what makes two POSTs the same call; it never refuses the
/// request itself (the response, a throttle or a block, applies from the next one). Keyed by agent and call (a 64-bit
/// hash of the call: no value is kept). With Redis configured the count is shared by every instance
/// (<see cref="SharedDetectorWindows"/>: a loop split across instances is one loop); otherwise, or while Redis is
/// unreachable, in a table of <c>SecureApi:Detection:Capacity</c> entries.
/// </summary>
internal sealed class AgentLoopDetector : IEndpointGuard
{
    public const string Name = "AgentLoop";

    private readonly AgentDetectorOptions _options;
    private readonly TimeProvider _time;
    private readonly IAnomalyResponder _responder;
    private readonly TimeSpan _throttleFor;
    private readonly BoundedWindowTable _calls;
    private readonly SharedDetectorWindows _shared;

    public AgentLoopDetector(AgentDetectorOptions options, int capacity, TimeSpan throttleFor, TimeProvider time, IAnomalyResponder responder, SharedDetectorWindows? shared = null)
    {
        _shared = shared ?? new SharedDetectorWindows(null);
        _options = options;
        _time = time;
        _responder = responder;
        _throttleFor = throttleFor;
        _calls = new BoundedWindowTable(capacity, (long)(options.Window.TotalSeconds * time.TimestampFrequency), 0);
    }

    public bool Enabled { get; init; } = true;

    public ValueTask<IResult?> CheckAsync(EndpointRequest request, object? body, JsonTypeInfo? bodyType)
    {
        if (!Enabled || AgentIdentity.KeyOf(Caller.Find(request.HttpContext)) is not { } agent)
        {
            return ValueTask.FromResult<IResult?>(null);
        }

        // The agent's key percent-escapes '/', so agent and call never run together.
        var call = string.Concat(agent, "/", Fingerprint(request, body, bodyType).ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
        if (_shared.IsShared)
        {
            return CountSharedAsync(request, agent, call);
        }

        CountLocally(request, agent, call);
        return ValueTask.FromResult<IResult?>(null);
    }

    private async ValueTask<IResult?> CountSharedAsync(EndpointRequest request, string agent, string call)
    {
        if (await _shared.HitAsync(Name, call, _options.Window, _options.Threshold).ConfigureAwait(false) is not { } hit)
        {
            CountLocally(request, agent, call); // Redis unreachable: this instance's own count
        }
        else if (hit.Fired)
        {
            _responder.Respond(AgentDetections.Of(Name, agent, hit.Estimate, _options, _throttleFor), null, request.HttpContext);
        }

        return null;
    }

    private void CountLocally(EndpointRequest request, string agent, string call)
    {
        if (_calls.Hit(call, _time.GetTimestamp(), 0, _options.Threshold, out var count))
        {
            _responder.Respond(AgentDetections.Of(Name, agent, count, _options, _throttleFor), null, request.HttpContext);
        }
    }

    private static ulong Fingerprint(EndpointRequest request, object? body, JsonTypeInfo? bodyType)
    {
        var hash = new XxHash64();
        var context = request.HttpContext;
        hash.Append(Encoding.UTF8.GetBytes(string.Concat(request.Endpoint.Name, "\n", context.Request.Path.Value, "\n", context.Request.QueryString.Value, "\n")));
        if (body is not null && bodyType is not null)
        {
            hash.Append(JsonSerializer.SerializeToUtf8Bytes(body, bodyType)); // generated metadata: no reflection
        }

        return hash.GetCurrentHashAsUInt64();
    }
}
