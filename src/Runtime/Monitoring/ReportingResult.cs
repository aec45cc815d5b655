using Microsoft.AspNetCore.Http;

namespace SecureApi.Monitoring;

/// <summary>
/// A problem answer that raises its security event when it is written: the event is tied to the answer the client
/// actually gets, so it fires once per refusal however the answer was chosen.
/// </summary>
internal sealed class ReportingResult(IResult inner, SecurityEventKind kind, string? detail) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        SecurityEvents.ReportOn(httpContext, kind, detail);
        return inner.ExecuteAsync(httpContext);
    }
}
