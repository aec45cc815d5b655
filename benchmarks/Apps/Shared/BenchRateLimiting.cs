using Microsoft.AspNetCore.Builder;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.Bench;

/// <summary>
/// A per-user fixed window as a global limiter (as SecureApi's default policy): authenticated callers by <c>sub</c>,
/// anonymous ones by address with a fifth of the permits. Run after authentication.
/// </summary>
public static class BenchRateLimiting
{
    public static IServiceCollection AddBenchRateLimiter(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = BenchSettings.RateLimitPermits(configuration);
        var window = TimeSpan.FromSeconds(60);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.FindFirst("sub")?.Value is { } subject
                    ? RateLimitPartition.GetFixedWindowLimiter(subject, _ => Window(permits, window))
                    : RateLimitPartition.GetFixedWindowLimiter(
                        "anonymous:" + context.Connection.RemoteIpAddress, _ => Window(Math.Max(1, permits / 5), window)));
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };
}
