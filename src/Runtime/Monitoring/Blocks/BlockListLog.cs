using Microsoft.Extensions.Logging;

namespace SecureApi.Monitoring.Blocks;

internal static partial class BlockListLog
{
    /// <summary>The block holds; only its audit record is missing (the database did not take it).</summary>
    [LoggerMessage(EventId = 2210, EventName = "BlockAuditFailed", Level = LogLevel.Error,
        Message = "The audit record of {Operation} on a {Kind} block could not be written; the block itself holds")]
    internal static partial void AuditFailed(ILogger logger, Exception exception, string operation, string kind);
}
