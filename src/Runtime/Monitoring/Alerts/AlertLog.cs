using Microsoft.Extensions.Logging;

namespace SecureApi.Monitoring.Alerts;

internal static partial class AlertLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Error, Message = "Alert queue full: alert of {Detector} on an {OffenderKind} dropped")]
    public static partial void Dropped(ILogger logger, string detector, string offenderKind);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Alert sink {Sink} failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, Exception exception, string sink, int attempt, long delayMs);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Error, Message = "Alert sink {Sink} failed {Attempts} times; alert of {Detector} not delivered")]
    public static partial void GaveUp(ILogger logger, Exception exception, string sink, int attempts, string detector);
}
