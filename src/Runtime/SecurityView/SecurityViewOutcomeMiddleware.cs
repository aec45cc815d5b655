using Microsoft.AspNetCore.Http;

namespace SecureApi.SecurityView;

/// <summary>
/// Counts every answer for the security view's chart once it is sent, whatever answered it: the 401s, 429s and 503s
/// that middleware writes never reach an endpoint's pipeline, and they are the answers the chart is for.
/// </summary>
internal sealed class SecurityViewOutcomeMiddleware(RequestDelegate next, SecurityViewRecorder recorder)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnCompleted(static state =>
        {
            var (recorder, response) = ((SecurityViewRecorder, HttpResponse))state;
            recorder.RequestCompleted(response.StatusCode);
            return Task.CompletedTask;
        }, (recorder, context.Response));
        return next(context);
    }
}
