using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi.Monitoring.Blocks;
using SecureApi.Monitoring.Detection;
using SecureApi.Pipeline;

namespace SecureApi.AiGuards;

/// <summary>Registers agents' budgets (<c>SecureApi:Agents</c>) and the agent behaviour detectors.</summary>
internal static class AgentRegistration
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentOptions>().Bind(configuration.GetSection(AgentOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentSettingsValidator>();
        services.TryAddSingleton(static provider => new AgentBudgetCounter(provider.GetService<SecureApi.RateLimiting.RedisRateLimiters>()));
        services.TryAddSingleton(static provider => new AgentThrottles(provider.GetRequiredService<IBlockStore>()));
        services.TryAddSingleton(static provider => new AgentBudget(
            provider.GetRequiredService<AgentBudgetCounter>(),
            provider.GetRequiredService<AgentThrottles>(),
            provider.GetRequiredService<IOptions<AgentOptions>>(),
            provider.GetService<IHttpContextAccessor>(),
            provider.GetRequiredService<SecureApi.Monitoring.SecurityEvents>()));

        services.TryAddSingleton(static provider => new SharedAgentBaselines(provider.GetService<SecureApi.RateLimiting.RedisRateLimiters>()));

        // Registered whatever the settings say and switched off by them when built (settings a test host adds late are
        // not visible while AddSecureApi runs), as the other detectors are.
        services.AddSingleton<IEndpointObserver>(static provider => Build(provider, static (o, capacity, throttle, time, responder, shared, enabled) =>
            new AgentErrorSurgeDetector(o.ErrorSurge, capacity, throttle, time, responder, shared.Windows) { Enabled = enabled && o.ErrorSurge.Enabled }));
        services.AddSingleton<IEndpointObserver>(static provider => Build(provider, static (o, capacity, throttle, time, responder, shared, enabled) =>
            new AgentNewEndpointDetector(o.NewEndpoint, capacity, throttle, time, responder, shared.Baselines, shared.Windows) { Enabled = enabled && o.NewEndpoint.Enabled }));
        services.AddSingleton<IEndpointGuard>(static provider => Build(provider, static (o, capacity, throttle, time, responder, shared, enabled) =>
            new AgentLoopDetector(o.Loop, capacity, throttle, time, responder, shared.Windows) { Enabled = enabled && o.Loop.Enabled }));
    }

    private static T Build<T>(IServiceProvider provider, Func<AgentDetectorsOptions, int, TimeSpan, TimeProvider, IAnomalyResponder, Shared, bool, T> create)
    {
        var detection = provider.GetRequiredService<IOptions<DetectionOptions>>().Value;
        var agents = provider.GetRequiredService<IOptions<AgentOptions>>().Value;
        var shared = new Shared(provider.GetRequiredService<SharedDetectorWindows>(), provider.GetRequiredService<SharedAgentBaselines>());
        return create(agents.Detectors, detection.Capacity, agents.Throttle.Duration, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IAnomalyResponder>(), shared, detection.Enabled);
    }

    /// <summary>The detectors' shared state (in Redis when configured).</summary>
    private readonly record struct Shared(SharedDetectorWindows Windows, SharedAgentBaselines Baselines);
}
