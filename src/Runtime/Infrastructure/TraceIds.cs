using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Infrastructure;

/// <summary>The one rule for the trace id every log event, security event and audit record carries.</summary>
internal static class TraceIds
{
    /// <summary>The W3C trace id of the current activity, or null when nothing is traced (a command run from the shell).</summary>
    public static string? Current() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.TraceId.ToHexString() : null;

    /// <summary>The W3C trace id when the request is traced, else the request's own identifier.</summary>
    public static string Of(HttpContext context) => Current() ?? context.TraceIdentifier;
}
