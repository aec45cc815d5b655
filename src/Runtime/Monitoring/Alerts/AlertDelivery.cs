using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecureApi.Monitoring.Alerts;

/// <summary>
/// Hands each queued alert to every <see cref="IAlertSink"/>, one alert at a time, sinks side by side; a sink that
/// throws is retried with exponential backoff (RetryDelayMilliseconds, doubling) up to Retries times, then logged.
/// </summary>
internal sealed class AlertDelivery(
    AlertQueue queue,
    IEnumerable<IAlertSink> sinks,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<AlertDelivery> logger) : BackgroundService
{
    private readonly IAlertSink[] _sinks = [.. sinks];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var alert in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await Task.WhenAll(_sinks.Select(sink => DeliverAsync(sink, alert, stoppingToken)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: alerts still queued are lost with the process, as its logs would be.
        }
    }

    private async Task DeliverAsync(IAlertSink sink, SecurityAlert alert, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var delay = TimeSpan.FromMilliseconds(Math.Max(1, settings.RetryDelayMilliseconds));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await sink.SendAsync(alert, stoppingToken);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                if (attempt > settings.Retries)
                {
                    AlertLog.GaveUp(logger, exception, sink.GetType().Name, attempt, alert.Detector);
                    return;
                }

                AlertLog.Retrying(logger, exception, sink.GetType().Name, attempt, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, time, stoppingToken);
                delay *= 2;
            }
        }
    }
}
