using Microsoft.AspNetCore.Http;
using SecureApi.Monitoring;

namespace SecureApi.AiGuards.OutputFiltering;

/// <summary>
/// Counts what the firewall found on the <c>SecureApi</c> meter and raises one
/// <see cref="SecurityEventKind.OutputFiltered"/> event per filtered text (a response, a member, a stream) naming the kinds
/// and counts — never the values — on the request being answered, when there is one.
/// </summary>
internal sealed class OutputFilterReporter(SecurityEvents events, SecureApiMetrics metrics, IHttpContextAccessor? httpContextAccessor)
{
    public void Report(IReadOnlyDictionary<string, int> findings, bool refused)
    {
        foreach (var (kind, count) in findings)
        {
            metrics.OutputFiltered(kind, count, refused);
        }

        var detail = Detail(findings, refused);
        if (httpContextAccessor?.HttpContext is { } context)
        {
            events.Report(context, SecurityEventKind.OutputFiltered, detail);
        }
        else
        {
            events.Report(SecurityEventKind.OutputFiltered, detail);
        }
    }

    /// <summary><c>card=1 email=2</c>, and <c>refused</c> when the text was withheld.</summary>
    internal static string Detail(IReadOnlyDictionary<string, int> findings, bool refused)
    {
        var parts = findings.OrderBy(static f => f.Key, StringComparer.Ordinal).Select(static f => f.Key + "=" + f.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var detail = string.Join(" ", parts);
        return refused ? detail + " refused" : detail;
    }
}
