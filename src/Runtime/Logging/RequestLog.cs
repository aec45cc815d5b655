using Microsoft.Extensions.Logging;

namespace SecureApi.Logging;

/// <summary>
/// One structured event per request. It carries names, numbers and ids only: never a body, a header, a token or a query string.
/// </summary>
internal static partial class RequestLog
{
    [LoggerMessage(EventId = 1000, EventName = "RequestCompleted", Level = LogLevel.Information,
        Message = "{Endpoint} {Method} {Route} answered {StatusCode} in {ElapsedMs} ms for {Caller} (trace {TraceId})")]
    internal static partial void RequestCompleted(ILogger logger, string endpoint, string method, string route, int statusCode, double elapsedMs, string caller, string traceId);

    [LoggerMessage(EventId = 1001, EventName = "UnhandledException", Level = LogLevel.Error,
        Message = "{Endpoint} failed with an unhandled exception (trace {TraceId})")]
    internal static partial void UnhandledException(ILogger logger, Exception exception, string endpoint, string traceId);

    [LoggerMessage(EventId = 1002, EventName = "ObserverFailed", Level = LogLevel.Error,
        Message = "Endpoint observer {Observer} failed on {Endpoint}")]
    internal static partial void ObserverFailed(ILogger logger, Exception exception, string observer, string endpoint);
}
