using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.Logging;

namespace SecureApi.Infrastructure;

/// <summary>What a generated handler does with an exception: log it in full on the server, answer 500 with only a trace id.</summary>
internal static class EndpointFailures
{
    public static Task HandleAsync(HttpContext context, Exception exception, ILogger logger, string endpointName)
    {
        if (ClientBodyFailure(exception) is { } clientStatus)
        {
            // The client did not send its body whole: its fault, never a server failure. Answered where an answer can still go.
            RequestLog.ClientBodyIncomplete(logger, endpointName, clientStatus);
            if (clientStatus == 0)
            {
                // The read that failed is still "in progress" in Kestrel's body reader; if Kestrel has not yet seen the
                // reset, it would drain the body through it and log "Reading is already in progress". Aborting now
                // tells it the connection is gone, so it does not drain.
                context.Abort();
                return Task.CompletedTask;
            }

            var canAnswer = !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested;
            return canAnswer ? Problems.BadRequestBody(clientStatus).ExecuteAsync(context) : Task.CompletedTask;
        }

        if (exception is SecureApi.AiGuards.AgentBudgetExceededException && !context.Response.HasStarted)
        {
            // The charge wrote Retry-After and the budget's RateLimit entries already; nothing is cleared.
            return Problems.ForStatus(StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
        }

        if (ExpectedProblem(exception) is { } expected && !context.Response.HasStarted)
        {
            return expected.ExecuteAsync(context);
        }

        var unavailable = IsDatabaseUnavailable(exception);
        if (unavailable)
        {
            // Expected during an outage: logged once for the whole outage, not per request.
            context.RequestServices.GetService<SecureApi.Data.SecureApiDatabase>()?.Outage.Refused(exception);
        }
        else
        {
            RequestLog.UnhandledException(logger, exception, endpointName, TraceIds.Of(context));
        }

        if (context.Response.HasStarted)
        {
            context.Abort(); // a half-written response must not look complete
            return Task.CompletedTask;
        }

        context.Response.Clear();
        SecureApi.Hosting.SecurityHeaders.Apply(context); // Clear took them with everything else
        if (exception is SecureApi.Data.WriteOutcomeUnknownException)
        {
            context.Response.Headers.RetryAfter = "5";
            return Problems.OutcomeUnknown().ExecuteAsync(context);
        }

        if (unavailable)
        {
            context.Response.Headers.RetryAfter = "5";
            return Problems.Unavailable().ExecuteAsync(context);
        }

        return Problems.ServerError().ExecuteAsync(context);
    }

    /// <summary>
    /// Kestrel's status for a body the client did not send whole (<see cref="BadHttpRequestException"/>: 400 ended early
    /// or malformed, 408 too slow), 0 for a connection the client reset; null for anything else.
    /// </summary>
    private static int? ClientBodyFailure(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        Microsoft.AspNetCore.Connections.ConnectionResetException => 0, // the client's connection, not the database's
        _ => null,
    };

    /// <summary>Outcomes the data layer signals by exception that are the client's to fix, not failures.</summary>
    private static IResult? ExpectedProblem(Exception exception) => exception switch
    {
        // Defence in depth: text PostgreSQL cannot store (U+0000) that slipped past validation is the client's input, not a failure.
        _ when SecureApi.Data.DatabaseEngines.IsPostgreSqlSupported && SecureApi.Data.PostgreSqlEngine.IsUnstorableText(exception) =>
            Problems.Validation(Single("$", "The request contains text the database cannot store (U+0000).")),
        SecureApi.Data.ConcurrencyConflictException => Problems.PreconditionFailed(),
        SecureApi.Data.IdempotencyKeyReusedException => Problems.IdempotencyKeyReused(),
        SecureApi.Data.IdempotencyKeyInUseException => Problems.IdempotencyKeyInUse(),
        SecureApi.Data.IdempotentResourceGoneException => Problems.IdempotentResourceGone(),
        SecureApi.Data.PreconditionRequiredException => Problems.PreconditionRequired(),
        SecureApi.Data.ForeignCursorException => Problems.NotFound(),
        SecureApi.Data.MissingTenantException => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "A tenant is required."),
        SecureApi.Authentication.InvalidApiKeyRequestException invalid => Problems.Validation(Single(invalid.Member, invalid.Message)),
        SecureApi.Data.InvalidListRequestException invalid => Problems.Validation(Single(invalid.Parameter, invalid.Message)),
        MalformedHeaderException malformed => Problems.Validation(Single(malformed.Header, malformed.Message)),
        _ => null,
    };

    private static ValidationErrors Single(string key, string message)
    {
        ValidationErrors? errors = null;
        ValidationErrors.Add(ref errors, key, message);
        return errors;
    }

    /// <summary>
    /// Connection failures (server down, pool exhausted, database locked) are transient: 503 with Retry-After. Each
    /// engine's exceptions are checked only behind its switch, so a left-out engine's types are trimmed away.
    /// </summary>
    internal static bool IsDatabaseUnavailable(Exception exception) =>
        (SecureApi.Data.DatabaseEngines.IsPostgreSqlSupported && SecureApi.Data.PostgreSqlEngine.IsTransient(exception)) ||
        (SecureApi.Data.DatabaseEngines.IsSqliteSupported && SecureApi.Data.SqliteEngine.IsLocked(exception)) ||
        exception is System.Net.Sockets.SocketException or TimeoutException ||
        (exception.InnerException is { } inner && IsDatabaseUnavailable(inner));
}
