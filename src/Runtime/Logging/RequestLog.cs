using Microsoft.Extensions.Logging;

namespace SecureApi.Logging;

/// <summary>
/// One structured event per request. It carries names, numbers and ids only: never a body, a header, a token or a query string.
/// </summary>
internal static partial class RequestLog
{
    [LoggerMessage(EventId = 1000, EventName = "RequestCompleted", Level = LogLevel.Information,
        Message = "{Endpoint} {Method} {Route} answered {StatusCode} in {ElapsedMs} ms for {Caller} ({ClientKind}, actor {Actor}) (trace {TraceId})")]
    internal static partial void RequestCompleted(ILogger logger, string endpoint, string method, string route, int statusCode, double elapsedMs, string caller, string clientKind, string actor, string traceId);

    [LoggerMessage(EventId = 1001, EventName = "UnhandledException", Level = LogLevel.Error,
        Message = "{Endpoint} failed with an unhandled exception (trace {TraceId})")]
    internal static partial void UnhandledException(ILogger logger, Exception exception, string endpoint, string traceId);

    [LoggerMessage(EventId = 1002, EventName = "ObserverFailed", Level = LogLevel.Error,
        Message = "Endpoint observer {Observer} failed on {Endpoint}")]
    internal static partial void ObserverFailed(ILogger logger, Exception exception, string observer, string endpoint);

    /// <summary>The client's fault, not the server's: its body ended early, was malformed, arrived too slowly, or the client reset the connection.</summary>
    [LoggerMessage(EventId = 1003, EventName = "ClientBodyIncomplete", Level = LogLevel.Warning,
        Message = "{Endpoint} could not read the request body: the client's fault, status {StatusCode} (0: the client reset the connection)")]
    internal static partial void ClientBodyIncomplete(ILogger logger, string endpoint, int statusCode);

    /// <summary>Once per outage, with the first failure; the requests refused meanwhile are counted, not logged.</summary>
    [LoggerMessage(EventId = 1004, EventName = "DatabaseUnavailable", Level = LogLevel.Warning,
        Message = "The database is unavailable: requests that need it are answered 503 until it returns")]
    internal static partial void DatabaseUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1005, EventName = "DatabaseAvailable", Level = LogLevel.Warning,
        Message = "The database is available again after {OutageMs} ms; {Refused} requests were refused with 503 meanwhile")]
    internal static partial void DatabaseAvailable(ILogger logger, long outageMs, long refused);
}
