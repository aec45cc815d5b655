using Microsoft.Extensions.Logging;

namespace SecureApi.Monitoring;

/// <summary>
/// One log event per security event kind: event id = the kind's value, event name = its name, every field of
/// <see cref="SecurityEvent"/> a structured property. Written only by <see cref="SecurityEvents"/>.
/// </summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 2000, EventName = nameof(SecurityEventKind.AuthenticationFailed), Level = LogLevel.Warning,
        Message = "Authentication failed ({Detail}) on {Endpoint} for {Caller} ({ClientKind}) from {ClientIp} at {Time} (trace {TraceId})")]
    internal static partial void AuthenticationFailed(ILogger logger, string? detail, string endpoint, string caller, string clientKind, string clientIp, DateTimeOffset time, string traceId);

    [LoggerMessage(EventId = 2001, EventName = nameof(SecurityEventKind.AuthorizationDenied), Level = LogLevel.Warning,
        Message = "Authorization denied ({Detail}) on {Endpoint} for {Caller} ({ClientKind}) from {ClientIp} at {Time} (trace {TraceId})")]
    internal static partial void AuthorizationDenied(ILogger logger, string? detail, string endpoint, string caller, string clientKind, string clientIp, DateTimeOffset time, string traceId);

    [LoggerMessage(EventId = 2002, EventName = nameof(SecurityEventKind.NotFoundOrNotYours), Level = LogLevel.Warning,
        Message = "Not found or not yours ({Detail}) on {Endpoint} for {Caller} ({ClientKind}) from {ClientIp} at {Time} (trace {TraceId})")]
    internal static partial void NotFoundOrNotYours(ILogger logger, string? detail, string endpoint, string caller, string clientKind, string clientIp, DateTimeOffset time, string traceId);

    [LoggerMessage(EventId = 2003, EventName = nameof(SecurityEventKind.ValidationFailed), Level = LogLevel.Warning,
        Message = "Validation failed on {Detail} on {Endpoint} for {Caller} ({ClientKind}) from {ClientIp} at {Time} (trace {TraceId})")]
    internal static partial void ValidationFailed(ILogger logger, string? detail, string endpoint, string caller, string clientKind, string clientIp, DateTimeOffset time, string traceId);

    [LoggerMessage(EventId = 2004, EventName = nameof(SecurityEventKind.UnknownMembers), Level = LogLevel.Warning,
        Message = "Unknown members sent: {Detail} on {Endpoint} for {Caller} ({ClientKind}) from {ClientIp} at {Time} (trace {TraceId})")]
    internal static partial void UnknownMembers(ILogger logger, string? detail, string endpoint, string caller, string clientKind, string clientIp, DateTimeOffset time, string traceId);

    [LoggerMessage(EventId = 2005, EventName = nameof(SecurityEventKind.RateLimited), Level = LogLevel.Warning,
        Message = "Rate limited by policy {Detail} on {Endpoint} for {Caller} ({ClientKind}) from {ClientIp} at {Time} (trace {TraceId})")]
    internal static partial void RateLimited(ILogger logger, string? detail, string endpoint, string caller, string clientKind, string clientIp, DateTimeOffset time, string traceId);

    [LoggerMessage(EventId = 2006, EventName = nameof(SecurityEventKind.LoadShed), Level = LogLevel.Warning,
        Message = "Load shed ({Detail}) on {Endpoint} for {Caller} ({ClientKind}) from {ClientIp} at {Time} (trace {TraceId})")]
    internal static partial void LoadShed(ILogger logger, string? detail, string endpoint, string caller, string clientKind, string clientIp, DateTimeOffset time, string traceId);

    [LoggerMessage(EventId = 2007, EventName = nameof(SecurityEventKind.Blocked), Level = LogLevel.Warning,
        Message = "Blocked: {Detail} on {Endpoint} for {Caller} ({ClientKind}) from {ClientIp} at {Time} (trace {TraceId})")]
    internal static partial void Blocked(ILogger logger, string? detail, string endpoint, string caller, string clientKind, string clientIp, DateTimeOffset time, string traceId);

    [LoggerMessage(EventId = 2008, EventName = nameof(SecurityEventKind.Unblocked), Level = LogLevel.Warning,
        Message = "Unblocked: {Detail} on {Endpoint} for {Caller} ({ClientKind}) from {ClientIp} at {Time} (trace {TraceId})")]
    internal static partial void Unblocked(ILogger logger, string? detail, string endpoint, string caller, string clientKind, string clientIp, DateTimeOffset time, string traceId);

    [LoggerMessage(EventId = 2009, EventName = nameof(SecurityEventKind.KeyMinted), Level = LogLevel.Warning,
        Message = "API key minted: {Detail} on {Endpoint} for {Caller} ({ClientKind}) from {ClientIp} at {Time} (trace {TraceId})")]
    internal static partial void KeyMinted(ILogger logger, string? detail, string endpoint, string caller, string clientKind, string clientIp, DateTimeOffset time, string traceId);

    [LoggerMessage(EventId = 2010, EventName = nameof(SecurityEventKind.KeyRevoked), Level = LogLevel.Warning,
        Message = "API key revoked: {Detail} on {Endpoint} for {Caller} ({ClientKind}) from {ClientIp} at {Time} (trace {TraceId})")]
    internal static partial void KeyRevoked(ILogger logger, string? detail, string endpoint, string caller, string clientKind, string clientIp, DateTimeOffset time, string traceId);

    [LoggerMessage(EventId = 2011, EventName = nameof(SecurityEventKind.AnomalyRaised), Level = LogLevel.Critical,
        Message = "Anomaly raised: {Detail} on {Endpoint} for {Caller} ({ClientKind}) from {ClientIp} at {Time} (trace {TraceId})")]
    internal static partial void AnomalyRaised(ILogger logger, string? detail, string endpoint, string caller, string clientKind, string clientIp, DateTimeOffset time, string traceId);

    [LoggerMessage(EventId = 2020, EventName = nameof(SecurityEventKind.UntrustedTextDetected), Level = LogLevel.Warning,
        Message = "Untrusted text matched {Detail} on {Endpoint} for {Caller} ({ClientKind}) from {ClientIp} at {Time} (trace {TraceId})")]
    internal static partial void UntrustedTextDetected(ILogger logger, string? detail, string endpoint, string caller, string clientKind, string clientIp, DateTimeOffset time, string traceId);
    [LoggerMessage(EventId = 2014, EventName = nameof(SecurityEventKind.OutputFiltered), Level = LogLevel.Warning,
        Message = "Output filtered ({Detail}) on {Endpoint} for {Caller} ({ClientKind}) from {ClientIp} at {Time} (trace {TraceId})")]
    internal static partial void OutputFiltered(ILogger logger, string? detail, string endpoint, string caller, string clientKind, string clientIp, DateTimeOffset time, string traceId);

    [LoggerMessage(EventId = 2100, EventName = "SecurityEventObserverFailed", Level = LogLevel.Error,
        Message = "Security event observer {Observer} failed on {Kind}")]
    internal static partial void ObserverFailed(ILogger logger, Exception exception, string observer, SecurityEventKind kind);
}
