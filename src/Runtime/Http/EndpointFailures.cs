using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.Logging;

namespace SecureApi.Http;

/// <summary>What a generated handler does with an exception: log it in full on the server, answer 500 with only a trace id.</summary>
public static class EndpointFailures
{
    public static Task HandleAsync(HttpContext context, Exception exception)
    {
        var logger = context.RequestServices.GetRequiredService<ILogger<SecureApiRequests>>();
        RequestLog.UnhandledException(logger, exception, EndpointNames.Of(context), context.TraceIdentifier);
        if (context.Response.HasStarted)
        {
            context.Abort(); // a half-written response must not look complete
            return Task.CompletedTask;
        }

        context.Response.Clear();
        return Problems.ServerError().ExecuteAsync(context);
    }
}
