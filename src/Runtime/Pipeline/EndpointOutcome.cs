namespace SecureApi.Pipeline;

/// <summary>How one request ended: status, time taken and, for a server failure, the exception (never sent to the client).</summary>
public readonly struct EndpointOutcome
{
    internal EndpointOutcome(EndpointRequest request, int statusCode, TimeSpan elapsed, Exception? exception)
    {
        Request = request;
        StatusCode = statusCode;
        Elapsed = elapsed;
        Exception = exception;
    }

    public EndpointRequest Request { get; }

    public int StatusCode { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>The unhandled exception behind a 5xx, or null.</summary>
    public Exception? Exception { get; }
}
