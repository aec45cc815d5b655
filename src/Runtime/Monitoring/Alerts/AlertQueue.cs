using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecureApi.Monitoring.Alerts;

/// <summary>The bounded queue between the request that raised an alert and the sinks: writing never waits.</summary>
internal sealed class AlertQueue(IOptions<AlertOptions> options, ILogger<AlertQueue> logger)
{
    private readonly Channel<SecurityAlert> _channel = Channel.CreateBounded<SecurityAlert>(
        new BoundedChannelOptions(Math.Max(1, options.Value.QueueCapacity)) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<SecurityAlert> Reader => _channel.Reader;

    public void Enqueue(SecurityAlert alert)
    {
        if (!_channel.Writer.TryWrite(alert))
        {
            AlertLog.Dropped(logger, alert.Detector, alert.OffenderKind);
        }
    }
}
