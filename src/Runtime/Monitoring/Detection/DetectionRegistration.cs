using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
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
        services.AddOptions<DetectionOptions>().Bind(configuration.GetSection(DetectionOptions.SectionName))
            .Validate(
                static detection => detection.Capacity >= 1 && detection.TrafficSpike is { Threshold: >= 1, WindowSeconds: >= 1, Multiplier: >= 1 }
                    && new[] { detection.CredentialStuffing, detection.Enumeration, detection.Probing, detection.MassAssignment }
                        .All(static detector => detector is { Threshold: >= 1, WindowSeconds: >= 1, BlockSeconds: >= 1 }),
                "SecureApi:Detection: Capacity, every Threshold, WindowSeconds and BlockSeconds must be at least 1, and TrafficSpike:Multiplier at least 1.")
            .ValidateOnStart();
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.SectionName))
            .Validate(
                static alerts => string.IsNullOrWhiteSpace(alerts.Webhook.Url)
                    || (Uri.TryCreate(alerts.Webhook.Url, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" && alerts.Webhook.Secret is { Length: >= 16 }),
                "SecureApi:Alerts:Webhook:Url must be an absolute http(s) URL, and SecureApi:Alerts:Webhook:Secret at least 16 characters, so the receiver can verify each alert.")
            .ValidateOnStart();

        // Blocks: in Redis when the rate limits are (RedisRateLimiters is registered then), else in memory.
        services.TryAddSingleton(static provider => new MemoryBlockStore(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IBlockStore>(static provider =>
            provider.GetService<SecureApi.RateLimiting.RedisRateLimiters>() is { } redis
                ? new RedisBlockStore(redis, provider.GetRequiredService<MemoryBlockStore>())
                : provider.GetRequiredService<MemoryBlockStore>());
        services.TryAddSingleton<BlockList>();
        services.TryAddSingleton<IBlockList>(static provider => provider.GetRequiredService<BlockList>());
        services.TryAddSingleton<SecureApi.SecurityView.ISecurityViewBlocks>(static provider => new BlockListViewSource(provider.GetRequiredService<IBlockList>(), provider.GetRequiredService<TimeProvider>()));

        // Alerts: a bounded queue, drained in the background into every IAlertSink.
        services.TryAddSingleton<AlertQueue>();
        services.AddHostedService<AlertDelivery>();
        services.AddHttpClient(WebhookAlertSink.ClientName);
        services.AddSingleton<IAlertSink, WebhookAlertSink>(); // sends nothing unless SecureApi:Alerts:Webhook:Url is set

        services.TryAddSingleton<IAnomalyResponder, AnomalyResponder>();

        // Detector windows: in Redis when the rate limits are, so every instance counts one offender once.
        services.TryAddSingleton(static provider => new SharedDetectorWindows(provider.GetService<SecureApi.RateLimiting.RedisRateLimiters>()));
        AddDetector(services, "CredentialStuffing", SecurityEventKind.AuthenticationFailed, perAddressOnly: true, distinctIds: false, static o => o.CredentialStuffing);
        AddDetector(services, "Enumeration", SecurityEventKind.NotFoundOrNotYours, perAddressOnly: false, distinctIds: true, static o => o.Enumeration);
        AddDetector(services, "Probing", SecurityEventKind.ValidationFailed, perAddressOnly: false, distinctIds: false, static o => o.Probing);
        AddDetector(services, "MassAssignment", SecurityEventKind.UnknownMembers, perAddressOnly: false, distinctIds: false, static o => o.MassAssignment);

        // Registered whatever the settings say and switched off by them when built: settings a test host adds late
        // (WebApplicationFactory) are not visible yet while AddSecureApi runs.
        services.AddSingleton<IEndpointObserver>(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<DetectionOptions>>().Value;
            return new TrafficSpikeDetector(
                options.TrafficSpike, options.Enabled && options.TrafficSpike.Enabled,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<IAnomalyResponder>());
        });

        static void AddDetector(IServiceCollection services, string name, SecurityEventKind kind, bool perAddressOnly, bool distinctIds, Func<DetectionOptions, DetectorOptions> select) =>
            services.AddSingleton<ISecurityEventObserver>(provider =>
            {
                var options = provider.GetRequiredService<IOptions<DetectionOptions>>().Value;
                var detector = select(options);
                return new WindowDetector(name, kind, perAddressOnly, distinctIds, detector, options.Capacity,
                    provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IAnomalyResponder>(),
                    provider.GetService<IOptions<SecureApi.AiGuards.AgentOptions>>()?.Value.Throttle.Duration,
                    provider.GetRequiredService<SharedDetectorWindows>(),
                    provider.GetRequiredService<ILogger<WindowDetector>>())
                { Enabled = options.Enabled && detector.Enabled };
            });
    }
}
