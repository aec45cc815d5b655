using System.Diagnostics;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SecureApi.Infrastructure;
using SecureApi.Logging;

namespace SecureApi.Pipeline;

/// <summary>
/// The frame around every generated handler, owned by the runtime once: unknown query parameters refused, the handler
/// called, an exception turned into ProblemDetails, observers told, the request logged. Everything a request needs
/// from its endpoint (logger, name, route, guards, observers) is resolved here when the endpoint is mapped.
/// </summary>
internal sealed class EndpointPipeline(
    EndpointInfo info,
    EndpointDefinition definition,
    ILogger logger,
    IEndpointGuard[] guards,
    IEndpointObserver[] observers,
    SecureApi.Monitoring.SecureApiMetrics? metrics)
{
    public EndpointInfo Info { get; } = info;

    public IEndpointGuard[] Guards { get; } = guards;

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var request = new EndpointRequest(context, this);
        Exception? failure = null;
        try
        {
            if (definition.AllowUnknownQuery || !QueryParameters.HasUnknown(context, definition.QueryParameters, definition.AcceptsPageQuery, out var unknown))
            {
                await definition.Handler(request);
            }
            else
            {
                await Problems.UnknownMembers(unknown).ExecuteAsync(context);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: there is no one left to answer.
        }
        catch (Exception exception)
        {
            failure = exception;
            await EndpointFailures.HandleAsync(context, exception, logger, Info.Name);
        }
        finally
        {
            await CompletedAsync(request, started, failure);
        }
    }

    /// <summary>The guards, in order, until one refuses; its answer is written here.</summary>
    public async ValueTask<bool> AdmitAsync(EndpointRequest request, object? body, JsonTypeInfo? bodyType)
    {
        foreach (var guard in Guards)
        {
            if (await guard.CheckAsync(request, body, bodyType) is { } refusal)
            {
                await refusal.ExecuteAsync(request.HttpContext);
                return false;
            }
        }

        return true;
    }

    private async ValueTask CompletedAsync(EndpointRequest request, long started, Exception? failure)
    {
        var context = request.HttpContext;
        var elapsed = Stopwatch.GetElapsedTime(started);
        Record(context, elapsed);
        if (observers.Length > 0)
        {
            var outcome = new EndpointOutcome(request, context.Response.StatusCode, elapsed, failure);
            foreach (var observer in observers)
            {
                try
                {
                    if (observer is IAsyncEndpointObserver awaited)
                    {
                        await awaited.OnCompletedAsync(outcome);
                    }
                    else
                    {
                        observer.OnCompleted(in outcome);
                    }
                }
                catch (Exception exception)
                {
                    RequestLog.ObserverFailed(logger, exception, observer.GetType().Name, Info.Name);
                }
            }
        }
    }

    /// <summary>
    /// The request's metrics and its log line. Synchronous and allocation-free when no one listens to the meter and the
    /// request log's level is off: every argument is built only past those checks.
    /// </summary>
    internal void Record(HttpContext context, TimeSpan elapsed)
    {
        metrics?.RequestCompleted(Info.Route, Info.Method, context.Response.StatusCode, elapsed);
        if (logger.IsEnabled(LogLevel.Information))
        {
            // Ownership follows the subject; for a delegated call the actor (the agent) is recorded beside it.
            var caller = Caller.Find(context);
#pragma warning disable CA1873 // guarded by IsEnabled above
            RequestLog.RequestCompleted(
                logger,
                Info.Name,
                Info.Method,
                Info.Route,
                context.Response.StatusCode,
                elapsed.TotalMilliseconds,
                caller?.Subject ?? "anonymous",
                caller is null ? "anonymous" : ClientKindNames.Of(caller.ClientKind),
                caller?.Actor ?? "-",
                TraceIds.Of(context));
#pragma warning restore CA1873
        }
    }
}
