using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SecureApi.Logging;

namespace SecureApi.Infrastructure;

/// <summary>What a generated handler does with an exception: log it in full on the server, answer 500 with only a trace id.</summary>
internal static class EndpointFailures
{
    public static Task HandleAsync(HttpContext context, Exception exception, ILogger logger, string endpointName)
    {
        if (ExpectedProblem(exception) is { } expected && !context.Response.HasStarted)
        {
            return expected.ExecuteAsync(context);
        }

        RequestLog.UnhandledException(logger, exception, endpointName, System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
        if (context.Response.HasStarted)
        {
            context.Abort(); // a half-written response must not look complete
            return Task.CompletedTask;
        }

        context.Response.Clear();
        if (exception is SecureApi.Data.WriteOutcomeUnknownException || IsDatabaseUnavailable(exception))
        {
            context.Response.Headers.RetryAfter = "5";
            return (exception is SecureApi.Data.WriteOutcomeUnknownException ? Problems.OutcomeUnknown() : Problems.Unavailable()).ExecuteAsync(context);
        }

        return Problems.ServerError().ExecuteAsync(context);
    }

    /// <summary>Outcomes the data layer signals by exception that are the client's to fix, not failures.</summary>
    private static IResult? ExpectedProblem(Exception exception) => exception switch
    {
        BadHttpRequestException bad => Problems.BadRequestBody(bad.StatusCode), // Kestrel's word for a client error
        SecureApi.Data.ConcurrencyConflictException => Problems.PreconditionFailed(),
        SecureApi.Data.IdempotencyKeyReusedException => Problems.IdempotencyKeyReused(),
        SecureApi.Data.IdempotencyKeyInUseException => Problems.IdempotencyKeyInUse(),
        SecureApi.Data.IdempotentResourceGoneException => Problems.IdempotentResourceGone(),
        SecureApi.Data.PreconditionRequiredException => Problems.PreconditionRequired(),
        SecureApi.Data.ForeignCursorException => Problems.NotFound(),
        SecureApi.Data.MissingTenantException => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "A tenant is required."),
        SecureApi.Data.InvalidListRequestException invalid => Problems.Validation(Single(invalid.Parameter, invalid.Message)),
        // Defence in depth: text PostgreSQL cannot store (U+0000) that slipped past validation is the client's input, not a failure.
        Npgsql.PostgresException { SqlState: "22021" } => Problems.Validation(Single("$", "The request contains text the database cannot store (U+0000).")),
        _ => null,
    };

    private static ValidationErrors Single(string key, string message)
    {
        ValidationErrors? errors = null;
        ValidationErrors.Add(ref errors, key, message);
        return errors;
    }

    /// <summary>Connection failures (server down, pool exhausted, database locked) are transient: 503 with Retry-After.</summary>
    private static bool IsDatabaseUnavailable(Exception exception) => exception switch
    {
        Npgsql.NpgsqlException { IsTransient: true } => true,
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 } => true, // SQLITE_BUSY, SQLITE_LOCKED
        System.Net.Sockets.SocketException or TimeoutException => true,
        _ => exception.InnerException is { } inner && IsDatabaseUnavailable(inner),
    };
}
