using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.Infrastructure;
using SecureApi.Logging;
using SecureApi.Monitoring;
using SecureApi.Pipeline;

namespace SecureApi.IntegrationTests.Allocations;

/// <summary>
/// What the runtime records for every request (the <c>secureapi.requests</c> and duration metrics, the request log line)
/// allocates nothing when the request log's level is off and no one listens to the meter. Measured on this thread around
/// that piece alone (<see cref="EndpointPipeline.Record"/>, synchronous), so the bytes counted are its own — not the
/// async frame's, whose state machine is a class in the Debug build the tests run on.
/// </summary>
[Collection(AllocationTestGroup.Name)]
public sealed class RequestRecordAllocationTests
{
    private const int Requests = 1_000;

    [Fact]
    public void RecordingARequestAllocatesNothingWithTheRequestLogOffAndNoMetricsListener()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var loggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning).AddProvider(new DiscardingLoggerProvider()));
        var pipeline = PipelineWith(loggers.CreateLogger<SecureApiRequests>(), new SecureApiMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        var context = new DefaultHttpContext();

        var allocated = AllocatedBy(pipeline, context);

        Assert.Equal(0, allocated);
    }

    /// <summary>The bytes this thread allocates across <see cref="Requests"/> records, after a warm-up that fills every lazy cache.</summary>
    private static long AllocatedBy(EndpointPipeline pipeline, HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        var elapsed = TimeSpan.FromMilliseconds(3);
        for (var i = 0; i < 100; i++)
        {
            pipeline.Record(context, elapsed);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Requests; i++)
        {
            pipeline.Record(context, elapsed);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static EndpointPipeline PipelineWith(ILogger logger, SecureApiMetrics metrics)
    {
        var definition = new EndpointDefinition
        {
            Method = "GET",
            Route = "/items/{id}",
            Name = "ItemsApi.Get",
            Tag = "ItemsApi",
            Handler = static _ => Task.CompletedTask,
        };
        var info = new EndpointInfo(definition.Name, definition.Method, definition.Route, definition.Tag, allowAnonymous: false, rateLimitPolicy: null);
        return new EndpointPipeline(info, definition, logger, guards: [], observers: [], metrics);
    }

    /// <summary>A real provider behind the level filter, so the filter (not an empty factory) is what turns the log off.</summary>
    private sealed class DiscardingLoggerProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new DiscardingLogger();

        public void Dispose()
        {
        }

        private sealed class DiscardingLogger : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }
}
