using Microsoft.Extensions.Logging;

namespace SecureApi.RateLimiting;

/// <summary>Events 1100–1199: shared (Redis) rate limiting.</summary>
internal static partial class RedisRateLimitingLog
{
    /// <summary>Once per outage, with the first failure; decisions meanwhile are made locally and counted, not logged.</summary>
    [LoggerMessage(EventId = 1100, EventName = "RedisUnavailable", Level = LogLevel.Warning,
        Message = "Redis is unavailable: rate limits are enforced per instance (local limiters) until it returns")]
    internal static partial void RedisUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1101, EventName = "RedisAvailable", Level = LogLevel.Warning,
        Message = "Redis is available again after {OutageMs} ms: rate limits are shared again; {LocalDecisions} decisions were made locally meanwhile")]
    internal static partial void RedisAvailable(ILogger logger, long outageMs, long localDecisions);
}
