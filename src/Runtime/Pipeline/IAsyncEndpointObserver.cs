namespace SecureApi.Pipeline;

/// <summary>
/// An <see cref="IEndpointObserver"/> that may need to wait (a detector counting in Redis): the pipeline awaits
/// <see cref="OnCompletedAsync"/> instead of calling <see cref="IEndpointObserver.OnCompleted"/>, still inside the
/// request, so the observer may read the request's context. One that finishes synchronously costs no allocation.
/// </summary>
internal interface IAsyncEndpointObserver : IEndpointObserver
{
    ValueTask OnCompletedAsync(EndpointOutcome outcome);
}
