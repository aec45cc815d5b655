using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SecureApi.Monitoring;

namespace SecureApi.AiGuards;

/// <summary>
/// The calling agent's budgets in units the service declares under <c>SecureApi:Agents:Units:&lt;unit&gt;</c> (model
/// tokens, pages rendered…): take it as a constructor parameter and charge what a request costs. Per agent (the actor
/// and the subject it acts for), per window; shared by every instance through Redis when the rate limits are. Callers
/// that are not agents are not charged. A charge also writes the budget's <c>RateLimit-Policy</c>/<c>RateLimit</c>
/// entries (<c>"agent-{unit}"</c>) on the current response.
/// </summary>
public sealed class AgentBudget
{
    /// <summary>The request budget's name in the RateLimit headers and its unit in <see cref="AgentBudgetExceededException.Unit"/>.</summary>
    internal const string RequestsUnit = "requests";

    private readonly AgentBudgetCounter _counter;
    private readonly AgentThrottles _throttles;
    private readonly AgentOptions _options;
    private readonly IHttpContextAccessor? _http;
    private readonly SecurityEvents _events;

    internal AgentBudget(AgentBudgetCounter counter, AgentThrottles throttles, IOptions<AgentOptions> options, IHttpContextAccessor? http, SecurityEvents events)
    {
        _counter = counter;
        _throttles = throttles;
        _options = options.Value;
        _http = http;
        _events = events;
    }

    /// <summary>
    /// Charges <paramref name="amount"/> <paramref name="unit"/>s to <paramref name="caller"/> when it is an agent. A
    /// refusal charges nothing. Throws <see cref="InvalidOperationException"/> for a unit not declared in configuration:
    /// a budget the service means to enforce must not silently be none.
    /// </summary>
    public async ValueTask<AgentCharge> TryChargeAsync(Caller caller, string unit, int amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (!_options.Units.TryGetValue(unit, out var declared))
        {
            throw new InvalidOperationException($"The agent unit '{unit}' is not declared: set {AgentOptions.SectionName}:Units:{unit}:Budget.");
        }

        if (AgentIdentity.KeyOf(caller) is not { } agent)
        {
            return new AgentCharge(true, long.MaxValue, null);
        }

        var context = _http?.HttpContext;
        return await ChargeAsync(context, agent, "agent-" + unit, declared.Budget, declared.Window, amount, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As <see cref="TryChargeAsync"/>, but a refusal throws <see cref="AgentBudgetExceededException"/> (429 from a generated endpoint).</summary>
    public async ValueTask ChargeAsync(Caller caller, string unit, int amount, CancellationToken cancellationToken = default)
    {
        var charge = await TryChargeAsync(caller, unit, amount, cancellationToken).ConfigureAwait(false);
        if (!charge.Admitted)
        {
            throw new AgentBudgetExceededException(unit, charge.RetryAfter);
        }
    }

    /// <summary>One request against the agent's request budget (<see cref="AgentBudgetMiddleware"/>).</summary>
    internal ValueTask<AgentCharge> ChargeRequestAsync(HttpContext context, string agent) =>
        ChargeAsync(context, agent, "agent-" + RequestsUnit, _options.Requests, _options.Window, 1, context.RequestAborted);

    private async ValueTask<AgentCharge> ChargeAsync(HttpContext? context, string agent, string budget, int limit, TimeSpan window, int amount, CancellationToken cancellationToken)
    {
        // A throttled agent spends a smaller budget of its own for a while (a fresh window at the lower size).
        var throttled = await _throttles.IsThrottledAsync(agent).ConfigureAwait(false);
        var quota = throttled ? Math.Max(1, (int)Math.Floor(limit * _options.Throttle.Multiplier)) : limit;
        var charge = await _counter.ChargeAsync(throttled ? budget + "-throttled" : budget, agent, quota, window, amount, cancellationToken).ConfigureAwait(false);
        if (context is not null)
        {
            AgentBudgetHeaders.Write(context.Response, budget, quota, window, charge);
            if (!charge.Admitted)
            {
                _events.Report(context, SecurityEventKind.RateLimited, budget);
            }
        }

        return charge;
    }
}
