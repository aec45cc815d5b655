using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using SecureApi.Infrastructure;

namespace SecureApi.Pipeline;

/// <summary>
/// One request to a SecureApi endpoint: the <see cref="Microsoft.AspNetCore.Http.HttpContext"/> and the endpoint it reached.
/// Generated handlers receive it from the runtime pipeline, generated operations receive it in their constructor, and
/// guards and observers receive it with each request. A struct of three references: passing it allocates nothing.
/// </summary>
public readonly struct EndpointRequest
{
    private readonly EndpointPipeline _pipeline;

    internal EndpointRequest(HttpContext httpContext, EndpointPipeline pipeline, SecureApi.Data.IdempotencyRequest? idempotency = null)
    {
        HttpContext = httpContext;
        _pipeline = pipeline;
        Idempotency = idempotency;
    }

    public HttpContext HttpContext { get; }

    public EndpointInfo Endpoint => _pipeline.Info;

    /// <summary>The authenticated caller; throws on an anonymous request (authorisation admits none to a protected endpoint).</summary>
    public Caller Caller => Caller.From(HttpContext);

    /// <summary>Signalled when the client goes away.</summary>
    public CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>The <c>Idempotency-Key</c> of a generated create, with the body's fingerprint; null when none was sent.</summary>
    public SecureApi.Data.IdempotencyRequest? Idempotency { get; }

    /// <summary>The version the request's <c>If-Match</c> requires (see <see cref="ETags.IfMatch"/>).</summary>
    public long? IfMatch => ETags.IfMatch(HttpContext);

    /// <summary>This request carrying <paramref name="key"/> (when sent) for the store, bound to the body's <paramref name="fingerprint"/> and this endpoint.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public EndpointRequest WithIdempotencyKey(string? key, string? fingerprint) =>
        key is null ? this : new EndpointRequest(HttpContext, _pipeline, new SecureApi.Data.IdempotencyRequest(key, fingerprint ?? throw new ArgumentNullException(nameof(fingerprint)), Endpoint.Name));

    /// <summary>
    /// Runs the registered <see cref="IEndpointGuard"/>s after binding and validation, before the endpoint's method.
    /// False when one refused the request; its answer has then been written. Nothing runs, and nothing is allocated, when none is registered.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask<bool> AdmitAsync(object? body = null, JsonTypeInfo? bodyType = null) =>
        _pipeline.Guards.Length == 0 ? ValueTask.FromResult(true) : _pipeline.AdmitAsync(this, body, bodyType);
}
