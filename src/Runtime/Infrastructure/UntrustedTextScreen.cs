using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.AiGuards.Screening;
using SecureApi.Monitoring;

namespace SecureApi.Infrastructure;

/// <summary>
/// One request's screen of its <c>[UntrustedText]</c> members, as a generated handler runs it after validation and before
/// the store: <see cref="Add"/> each member, then <see cref="RefuseAsync"/>. Each member is screened on its own, and the
/// members together (joined by line breaks) so an instruction split across fields is caught too; a joined hit is charged
/// to every member that took part. Every hit raises <see cref="SecurityEventKind.UntrustedTextDetected"/> (member, rule,
/// action) and is counted; a reject answers 422 naming members and rules; a quarantine leaves a verdict for the store write.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class UntrustedTextScreen
{
    private readonly HttpContext _httpContext;
    private readonly List<(string Member, string Value, UntrustedTextMode Mode)> _members = new(2);

    private UntrustedTextScreen(HttpContext httpContext) => _httpContext = httpContext;

    public static UntrustedTextScreen For(HttpContext httpContext) => new(httpContext ?? throw new ArgumentNullException(nameof(httpContext)));

    /// <summary>Adds <paramref name="member"/> (its JSON name) to the screen; a null or empty value has nothing to screen.</summary>
    public void Add(string member, string? value, UntrustedTextMode mode)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _members.Add((member, value, mode));
        }
    }

    /// <summary>Screens what was added. True when the request was refused and the 422 written; false to go on.</summary>
    public async ValueTask<bool> RefuseAsync()
    {
        if (_members.Count == 0 || _httpContext.RequestServices.GetService<UntrustedTextScreener>() is not { } screener || !screener.Options.Enabled)
        {
            return false;
        }

        var options = screener.Options;
        var hits = new List<(string Member, string Rule, UntrustedTextAction Action)>();
        var alone = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (member, value, mode) in _members)
        {
            foreach (var rule in screener.Screen(value))
            {
                alone.Add(rule);
                hits.Add((member, rule, Resolve(options.ActionOf(rule), mode)));
            }
        }

        if (_members.Count > 1)
        {
            // Split across fields: what only the joined text matches is charged to every member in it.
            foreach (var rule in screener.Screen(string.Join('\n', _members.Select(m => m.Value))))
            {
                if (alone.Contains(rule))
                {
                    continue;
                }

                foreach (var (member, _, mode) in _members)
                {
                    hits.Add((member, rule, Resolve(options.ActionOf(rule), mode)));
                }
            }
        }

        if (hits.Count == 0)
        {
            _httpContext.Features.Set(new UntrustedTextVerdict([.. _members.Select(m => m.Member)], new Dictionary<string, string>()));
            return false;
        }

        var events = _httpContext.RequestServices.GetService<SecurityEvents>();
        var metrics = _httpContext.RequestServices.GetService<SecureApiMetrics>();
        foreach (var (member, rule, action) in hits)
        {
            var actionName = Name(action);
            events?.Report(_httpContext, SecurityEventKind.UntrustedTextDetected, string.Concat(SecurityEventDetail.Bounded(member), ":", rule, ":", actionName));
            metrics?.UntrustedTextHit(rule, actionName);
        }

        var rejected = hits.Where(h => h.Action == UntrustedTextAction.Reject).ToList();
        if (rejected.Count > 0)
        {
            await Problems.UntrustedText(rejected.GroupBy(h => h.Member, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(h => h.Rule).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal))
                .ExecuteAsync(_httpContext);
            return true;
        }

        var quarantined = hits.Where(h => h.Action == UntrustedTextAction.Quarantine)
            .GroupBy(h => h.Member, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(',', g.Select(h => h.Rule).Distinct(StringComparer.Ordinal)), StringComparer.Ordinal);
        _httpContext.Features.Set(new UntrustedTextVerdict([.. _members.Select(m => m.Member)], quarantined));
        return false;
    }

    private static UntrustedTextAction Resolve(UntrustedTextAction configured, UntrustedTextMode declared) =>
        configured != UntrustedTextAction.Declared ? configured
        : declared == UntrustedTextMode.Quarantine ? UntrustedTextAction.Quarantine
        : UntrustedTextAction.Reject;

    private static string Name(UntrustedTextAction action) => action switch
    {
        UntrustedTextAction.Reject => "reject",
        UntrustedTextAction.Quarantine => "quarantine",
        _ => "report",
    };
}
