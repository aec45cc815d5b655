using Microsoft.Extensions.Logging;

namespace SecureApi.Data.Migrations;

/// <summary>The job's log events: progress (2035), a pass that stopped short (2036), another instance converting (2039). Never a value, only row keys.</summary>
internal static partial class ReEncryptionLog
{
    [LoggerMessage(EventId = 2035, EventName = "ReEncryptionProgress", Level = LogLevel.Information,
        Message = "Re-encryption of {Table}.{Column} to key {KeyId}: {Stage}; {Converted} values converted in this pass, through row {ThroughKey}")]
    public static partial void Progress(ILogger logger, string table, string column, string keyId, string stage, long converted, Guid? throughKey);

    [LoggerMessage(EventId = 2036, EventName = "ReEncryptionStopped", Level = LogLevel.Error,
        Message = "Re-encryption of {Table}.{Column} to key {KeyId} stopped short: {Reason}")]
    public static partial void Stopped(ILogger logger, string table, string column, string keyId, string reason, Exception? exception);

    [LoggerMessage(EventId = 2039, EventName = "ReEncryptionHeldElsewhere", Level = LogLevel.Information,
        Message = "Re-encryption is running in another instance (it holds the re-encryption lock); this instance checks again in {RetrySeconds} s")]
    public static partial void HeldElsewhere(ILogger logger, long retrySeconds);
}
