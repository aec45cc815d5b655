using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureApi.Logging;

/// <summary>The log category of SecureApi's request events: <c>SecureApi.Logging.SecureApiRequests</c>.</summary>
public sealed class SecureApiRequests;

/// <summary>
/// One structured event per request. It carries names, numbers and ids only: never a body, a header, a token or a query string.
/// </summary>
public static partial class RequestLog
{
    /// <summary>Logs the outcome of the request that started at <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static void Completed(HttpContext context, long startTimestamp)
    {
        var logger = context.RequestServices.GetRequiredService<ILogger<SecureApiRequests>>();
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var endpoint = context.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint;
#pragma warning disable CA1873 // guarded by IsEnabled above
        RequestCompleted(
            logger,
            EndpointNames.Of(context),
            context.Request.Method,
            endpoint?.RoutePattern.RawText ?? "",
            context.Response.StatusCode,
            Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds,
            Caller.Find(context)?.Subject ?? "anonymous",
            Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
#pragma warning restore CA1873
    }

    [LoggerMessage(EventId = 1000, EventName = "RequestCompleted", Level = LogLevel.Information,
        Message = "{Endpoint} {Method} {Route} answered {StatusCode} in {ElapsedMs} ms for {Caller} (trace {TraceId})")]
    private static partial void RequestCompleted(ILogger logger, string endpoint, string method, string route, int statusCode, double elapsedMs, string caller, string traceId);

    [LoggerMessage(EventId = 1001, EventName = "UnhandledException", Level = LogLevel.Error,
        Message = "{Endpoint} failed with an unhandled exception (trace {TraceId})")]
    internal static partial void UnhandledException(ILogger logger, Exception exception, string endpoint, string traceId);
}

internal static class EndpointNames
{
    public static string Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IEndpointNameMetadata>()?.EndpointName
        ?? context.GetEndpoint()?.DisplayName
        ?? "(no endpoint)";
}
