namespace SecureApi.Pipeline;

/// <summary>
/// Sees the outcome of every request to a SecureApi endpoint, after its answer is decided: metrics, audit and security
/// events hook in here. Register it as a singleton <c>IEndpointObserver</c> in DI. It runs on the request's thread, so
/// keep it fast and never throw; an exception is logged and swallowed.
/// </summary>
public interface IEndpointObserver
{
    void OnCompleted(in EndpointOutcome outcome);
}
