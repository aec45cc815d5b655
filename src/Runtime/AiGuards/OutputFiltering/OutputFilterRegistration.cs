using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi.Monitoring;

namespace SecureApi.AiGuards.OutputFiltering;

/// <summary>Registers the output firewall with the policy of <c>SecureApi:OutputFilter</c> (bound with the rest of <see cref="SecureApiOptions"/>).</summary>
internal static class OutputFilterRegistration
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(static provider => new OutputFilter(
            new OutputPolicy(provider.GetRequiredService<IOptions<SecureApiOptions>>().Value.OutputFilter),
            new OutputFilterReporter(
                provider.GetRequiredService<SecurityEvents>(),
                provider.GetRequiredService<SecureApiMetrics>(),
                provider.GetService<IHttpContextAccessor>())));
        services.TryAddSingleton<IOutputFilter>(static provider => provider.GetRequiredService<OutputFilter>());
    }

    /// <summary>The host's filter for <paramref name="context"/>'s request; the unconfigured one (redact everything) without a host.</summary>
    public static OutputFilter For(HttpContext? context) =>
        context?.RequestServices?.GetService<OutputFilter>() ?? OutputFilter.Unconfigured;
}
