using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace SecureApi.Monitoring;

/// <summary>
/// OpenTelemetry traces and metrics, exported over OTLP, when an endpoint is configured
/// (<c>SecureApi:Telemetry:OtlpEndpoint</c>, or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>); otherwise nothing is
/// set up and nothing leaves the process. ASP.NET Core, HttpClient and Npgsql publish their own activity sources and
/// meters on .NET 10, so they are subscribed to by name: no instrumentation package, nothing reflected.
/// </summary>
internal static class SecureApiTelemetry
{
    public const string OtlpEndpointSetting = "SecureApi:Telemetry:OtlpEndpoint";
    public const string StandardEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private static readonly string[] s_activitySources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql"];
    private static readonly string[] s_meters =
    [
        SecureApiMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.RateLimiting",
        "System.Net.Http", "Npgsql",
    ];

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var own = configuration[OtlpEndpointSetting];
        if (string.IsNullOrWhiteSpace(own) && string.IsNullOrWhiteSpace(configuration[StandardEndpointSetting]))
        {
            return;
        }

        // SecureApi's own setting names the endpoint here; the standard variables (endpoint, protocol, headers) are
        // read by the exporter itself, which then also appends the per-signal paths http/protobuf needs.
        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(own) && !Uri.TryCreate(own, UriKind.Absolute, out endpoint))
        {
            throw new InvalidOperationException($"{OtlpEndpointSetting} must be an absolute URI, such as http://collector:4317.");
        }

        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(s_activitySources)
                .AddOtlpExporter(options => Apply(options, endpoint)))
            .WithMetrics(metrics => metrics
                .AddMeter(s_meters)
                .AddOtlpExporter(options => Apply(options, endpoint)));
    }

    private static void Apply(OpenTelemetry.Exporter.OtlpExporterOptions options, Uri? endpoint)
    {
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }
    }
}
