using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace SecureApi.IntegrationTests;

/// <summary>OpenTelemetry is set up only when an OTLP endpoint is configured: without one, nothing is collected or sent.</summary>
public sealed class OpenTelemetryTests
{
    [Fact]
    public async Task WithoutAnEndpointThereIsNoTracerOrMeterProvider()
    {
        await using var factory = new TestServiceFactory();
        factory.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = ""; // whatever the machine running the tests has set
        using var client = factory.CreateClient();

        Assert.Equal((false, false), (factory.Services.GetService<TracerProvider>() is not null, factory.Services.GetService<MeterProvider>() is not null));
    }

    [Fact]
    public async Task WithSecureApisEndpointSettingTracesAndMetricsAreExported()
    {
        await using var factory = new TestServiceFactory();
        factory.Settings["SecureApi:Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317";
        using var client = factory.CreateClient();

        Assert.Equal((true, true), (factory.Services.GetService<TracerProvider>() is not null, factory.Services.GetService<MeterProvider>() is not null));
    }

    [Fact]
    public async Task WithTheStandardEndpointVariableTracesAndMetricsAreExported()
    {
        await using var factory = new TestServiceFactory();
        factory.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317";
        using var client = factory.CreateClient();

        Assert.Equal((true, true), (factory.Services.GetService<TracerProvider>() is not null, factory.Services.GetService<MeterProvider>() is not null));
    }

    [Fact]
    public async Task AnEndpointThatIsNotAnAbsoluteUriFailsStartUpNamingTheSetting()
    {
        await using var factory = new TestServiceFactory();
        factory.Settings["SecureApi:Telemetry:OtlpEndpoint"] = "collector-without-a-scheme";

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("SecureApi:Telemetry:OtlpEndpoint must be an absolute URI", failure.ToString(), StringComparison.Ordinal);
    }
}
