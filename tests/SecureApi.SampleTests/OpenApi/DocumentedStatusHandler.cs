namespace SecureApi.SampleTests.OpenApi;

/// <summary>
/// Sits under a test's HttpClient and fails the request (so the test) the moment a response has a status the OpenAPI
/// document does not list for its operation.
/// </summary>
public sealed class DocumentedStatusHandler(Func<Task<DocumentedStatuses>> statuses) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString.Split('?')[0] ?? "/";
        var anonymous = !request.Headers.Contains("X-Api-Key") && request.Headers.Authorization is null;
        if ((await statuses()).Violation(request.Method.Method, path, (int)response.StatusCode, anonymous) is { } violation)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new UndocumentedStatusException(violation + (body.Length == 0 ? "" : " Body: " + body[..Math.Min(body.Length, 500)]));
        }

        return response;
    }
}
