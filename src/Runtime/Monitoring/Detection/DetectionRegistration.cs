using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi.Monitoring.Alerts;
using SecureApi.Monitoring.Blocks;
using SecureApi.Pipeline;

namespace SecureApi.Monitoring.Detection;

/// <summary>Registers the detectors (<c>SecureApi:Detection</c>), the block list and the alert delivery (<c>SecureApi:Alerts</c>).</summary>
internal static class DetectionRegistration
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DetectionOptions>().Bind(configuration.GetSection(DetectionOptions.SectionName));
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.SectionName));

        // Blocks: in Redis when the rate limits are (RedisRateLimiters is registered then), else in memory.
        services.TryAddSingleton(static provider => new MemoryBlockStore(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IBlockStore>(static provider =>
            provider.GetService<SecureApi.RateLimiting.RedisRateLimiters>() is { } redis
                ? new RedisBlockStore(redis, provider.GetRequiredService<MemoryBlockStore>())
                : provider.GetRequiredService<MemoryBlockStore>());
        services.TryAddSingleton<BlockList>();
        services.TryAddSingleton<IBlockList>(static provider => provider.GetRequiredService<BlockList>());

        // Alerts: a bounded queue, drained in the background into every IAlertSink.
        services.TryAddSingleton<AlertQueue>();
        services.AddHostedService<AlertDelivery>();
        var webhook = configuration.GetSection(AlertOptions.SectionName + ":Webhook");
        if (!string.IsNullOrWhiteSpace(webhook["Url"]))
        {
            services.AddHttpClient(WebhookAlertSink.ClientName);
            services.AddSingleton<IAlertSink, WebhookAlertSink>();
        }

        var settings = new DetectionOptions();
        configuration.GetSection(DetectionOptions.SectionName).Bind(settings);
        services.TryAddSingleton<IAnomalyResponder, AnomalyResponder>();
        AddDetector(services, "CredentialStuffing", SecurityEventKind.AuthenticationFailed, perAddressOnly: true, distinctIds: false, static o => o.CredentialStuffing);
        AddDetector(services, "Enumeration", SecurityEventKind.NotFoundOrNotYours, perAddressOnly: false, distinctIds: true, static o => o.Enumeration);
        AddDetector(services, "Probing", SecurityEventKind.ValidationFailed, perAddressOnly: false, distinctIds: false, static o => o.Probing);
        AddDetector(services, "MassAssignment", SecurityEventKind.UnknownMembers, perAddressOnly: false, distinctIds: false, static o => o.MassAssignment);

        if (settings.Enabled && settings.TrafficSpike.Enabled)
        {
            services.AddSingleton<IEndpointObserver>(static provider => new TrafficSpikeDetector(
                provider.GetRequiredService<IOptions<DetectionOptions>>().Value.TrafficSpike,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<IAnomalyResponder>()));
        }

        void AddDetector(IServiceCollection services, string name, SecurityEventKind kind, bool perAddressOnly, bool distinctIds, Func<DetectionOptions, DetectorOptions> select)
        {
            if (!settings.Enabled || !select(settings).Enabled)
            {
                return;
            }

            services.AddSingleton<ISecurityEventObserver>(provider =>
            {
                var options = provider.GetRequiredService<IOptions<DetectionOptions>>().Value;
                return new WindowDetector(name, kind, perAddressOnly, distinctIds, select(options), options.Capacity,
                    provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IAnomalyResponder>());
            });
        }
    }
}
