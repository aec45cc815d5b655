using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SecureApi.RateLimiting;

/// <summary>Registers the shared (Redis) rate limiting when <c>SecureApi:RateLimiting:Redis:Configuration</c> is set.</summary>
internal static class RedisRateLimitingRegistration
{
    /// <summary>
    /// Binds <see cref="RedisRateLimitingOptions"/>; when Redis is configured, adds a singleton <see cref="IConnectionMultiplexer"/>
    /// (made at first use, never failing start-up: AbortOnConnectFail is off and it reconnects in the background) and
    /// <see cref="RedisRateLimiters"/>. Returns whether Redis is configured.
    /// </summary>
    public static bool AddSecureApiRedisRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RedisRateLimitingOptions.SectionName);
        services.AddOptions<RedisRateLimitingOptions>().Bind(section);
        var settings = new RedisRateLimitingOptions();
        section.Bind(settings);
        if (!settings.IsConfigured)
        {
            return false;
        }

        services.TryAddSingleton<IConnectionMultiplexer>(provider =>
            ConnectionMultiplexer.Connect(ConnectionOptions(provider.GetRequiredService<IOptions<RedisRateLimitingOptions>>().Value)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new RedisRateLimiters(
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<IOptions<RedisRateLimitingOptions>>(),
            provider.GetRequiredService<ILogger<RedisRateLimiters>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IHostEnvironment>().ApplicationName));
        return true;
    }

    /// <summary>What every decision relies on: fail fast while disconnected (decide locally instead of queueing), bounded waits, quick reconnects.</summary>
    internal static ConfigurationOptions ConnectionOptions(RedisRateLimitingOptions settings)
    {
        var options = ConfigurationOptions.Parse(settings.Configuration!);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = (int)settings.ConnectTimeout.TotalMilliseconds;
        options.AsyncTimeout = (int)settings.CommandTimeout.TotalMilliseconds;
        options.SyncTimeout = (int)settings.CommandTimeout.TotalMilliseconds;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry((int)settings.ProbeInterval.TotalMilliseconds);
        options.ClientName ??= "secureapi-ratelimit";
        return options;
    }
}
