using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Pipeline;

/// <summary>
/// A check every SecureApi endpoint runs after binding and validation, before the endpoint's method: untrusted-text
/// screening, quotas, blocks. Register it as a singleton <c>IEndpointGuard</c> in DI; guards run in registration order.
/// </summary>
public interface IEndpointGuard
{
    /// <summary>
    /// Null lets the request through; any other result (a ProblemDetails, normally) is the answer instead, and the method is not called.
    /// </summary>
    /// <param name="request">The request and the endpoint it reached.</param>
    /// <param name="body">The bound and validated JSON body, or null for an endpoint without one.</param>
    /// <param name="bodyType">The body's generated JSON metadata: its members can be read through it without reflection.</param>
    ValueTask<IResult?> CheckAsync(EndpointRequest request, object? body, JsonTypeInfo? bodyType);
}
