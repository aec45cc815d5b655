using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SecureApi.Infrastructure;
using SecureApi.Monitoring;

namespace SecureApi.Hosting;

/// <summary>
/// A concurrency limit with a short queue in front of the handlers: past it, 503 ProblemDetails with <c>Retry-After</c>
/// at once, before authentication spends anything on the request. Endpoints marked
/// <see cref="ExemptFromLoadSheddingAttribute"/> (health probes) pass uncounted.
/// </summary>
internal sealed class LoadSheddingMiddleware : IDisposable
{
    private readonly RequestDelegate _next;
    private readonly ConcurrencyLimiter _limiter;
    private readonly TimeSpan _queueTimeout;
    private readonly string _retryAfter;
    private readonly bool _noQueue;
    private readonly SecurityEvents _events;

    public LoadSheddingMiddleware(RequestDelegate next, IOptions<SecureApiOptions> options, SecurityEvents events)
    {
        _next = next;
        _events = events;
        var settings = options.Value.LoadShedding;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxConcurrentRequests,
            QueueLimit = settings.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _noQueue = settings.QueueLimit == 0;
        _queueTimeout = TimeSpan.FromSeconds(settings.QueueTimeoutSeconds);
        _retryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ExemptFromLoadSheddingAttribute>() is not null)
        {
            await _next(context);
            return;
        }

        using var lease = await AcquireAsync(context.RequestAborted);
        if (lease is null || !lease.IsAcquired)
        {
            _events.Report(context, SecurityEventKind.LoadShed, null);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = _retryAfter;
            await Problems.Unavailable().ExecuteAsync(context);
            return;
        }

        await _next(context);
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>A permit, a refusal, or null when the queue wait ran out (or the client left).</summary>
    private async ValueTask<RateLimitLease?> AcquireAsync(CancellationToken requestAborted)
    {
        // The common case, a free slot, costs no timer.
        var lease = _limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        if (_noQueue)
        {
            return null;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        wait.CancelAfter(_queueTimeout);
        try
        {
            return await _limiter.AcquireAsync(1, wait.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
