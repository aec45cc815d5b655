using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SecureApi.Auditing;

/// <summary>Applies <c>SecureApi:Audit:RetentionDays</c>: prunes at start-up, then every six hours.</summary>
internal sealed partial class AuditRetention(AuditTrail trail, ILogger<AuditRetention> logger) : BackgroundService
{
    private static readonly TimeSpan s_interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!trail.IsAvailable)
        {
            return;
        }

        using var timer = new PeriodicTimer(s_interval);
        do
        {
            try
            {
                var removed = await trail.PruneAsync(stoppingToken);
                if (removed > 0)
                {
                    Pruned(removed);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // An unavailable database (or a schema not applied yet) is tried again at the next interval; a failure
                // here must never stop the host, as an unhandled BackgroundService exception would.
                PruneFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "Audit retention removed {Count} records; the chain now starts after the last of them.")]
    private partial void Pruned(long count);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "Audit retention could not prune; it tries again later.")]
    private partial void PruneFailed(Exception exception);
}
