using System.ComponentModel;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Infrastructure;

/// <summary>The RFC 9457 problem responses SecureApi answers with. None carries exception text or internals.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Problems
{
    /// <summary>400 with every error; raises <see cref="SecureApi.Monitoring.SecurityEventKind.ValidationFailed"/> naming the member paths (never values) when written.</summary>
    public static IResult Validation(ValidationErrors errors) =>
        new SecureApi.Monitoring.ReportingResult(
            ValidationProblem(errors),
            SecureApi.Monitoring.SecurityEventKind.ValidationFailed,
            SecureApi.Monitoring.SecurityEventDetail.Names(errors.Keys));

    /// <summary>400 for members or query parameters the endpoint does not know; raises <see cref="SecureApi.Monitoring.SecurityEventKind.UnknownMembers"/> naming them instead of ValidationFailed.</summary>
    internal static IResult UnknownMembers(ValidationErrors errors) =>
        new SecureApi.Monitoring.ReportingResult(
            ValidationProblem(errors),
            SecureApi.Monitoring.SecurityEventKind.UnknownMembers,
            SecureApi.Monitoring.SecurityEventDetail.Names(errors.Keys));

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem ValidationProblem(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is not valid.");

    /// <summary>
    /// 422 for <c>[UntrustedText]</c> members that matched a screening rule: <c>errors</c> maps each member to its rule ids.
    /// The text is never echoed. (The security events were raised by the screen, one per hit.)
    /// </summary>
    internal static IResult UntrustedText(Dictionary<string, string[]> rulesByMember) =>
        TypedResults.Problem(new HttpValidationProblemDetails(rulesByMember)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request carries text that is not accepted.",
            Detail = string.Join("; ", rulesByMember.Select(m => $"'{m.Key}' matched {string.Join(", ", m.Value)}")) + ". See the rule ids in SecureApi's README (untrusted text).",
        });

    public static IResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The resource was not found.");

    public static IResult UnsupportedMediaType() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "Unsupported media type.",
            detail: "The request body must be JSON: send Content-Type: application/json.");

    public static IResult BodyTooLarge(long maxBytes) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "The request body is too large.",
            detail: $"The body must be at most {maxBytes} bytes.");

    /// <summary>A body the server could not read whole (it ended before its Content-Length, or arrived too slowly): Kestrel's status, 400 or 408.</summary>
    public static IResult BadRequestBody(int statusCode) =>
        TypedResults.Problem(
            statusCode: statusCode is >= 400 and < 500 ? statusCode : StatusCodes.Status400BadRequest,
            title: "The request body could not be read.",
            detail: "The body ended before its declared length, or arrived too slowly.");

    public static IResult PreconditionFailed() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The resource has changed.",
            detail: "Someone else changed it since you read it: read it again and retry with the new ETag.");

    public static IResult PreconditionRequired() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status428PreconditionRequired,
            title: "If-Match is required.",
            detail: "Send If-Match with the ETag of the version you read, so concurrent changes are never overwritten.");

    public static IResult Unavailable() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The service is temporarily unavailable.",
            detail: "Retry after the time given in Retry-After.");

    /// <summary>The connection failed during the commit: the write may or may not be saved, and only a keyed retry is safe.</summary>
    public static IResult OutcomeUnknown() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The outcome of the request is unknown.",
            detail: "The database connection failed while the write was committed: it may or may not have been saved. Retry after the time given in Retry-After with the same Idempotency-Key; the retry returns the saved resource, or saves it once.");

    /// <summary>IETF draft-ietf-httpapi-idempotency-key-header: a key reused with another request body is 422.</summary>
    public static IResult IdempotencyKeyReused() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The Idempotency-Key was used for a different request.",
            detail: "This key was already used with another request body. Use a new key for a new request.");

    /// <summary>IETF draft-ietf-httpapi-idempotency-key-header: a request whose key is still being processed is 409.</summary>
    public static IResult IdempotencyKeyInUse() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "A request with this Idempotency-Key is still being processed.",
            detail: "Retry later with the same key to receive its result.");

    public static IResult IdempotentResourceGone() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status410Gone,
            title: "The resource created with this Idempotency-Key no longer exists.",
            detail: "It was created by an earlier request with this key and has since been deleted.");

    /// <summary>RFC 6585 defines 429; ASP.NET Core's defaults give it no <c>type</c>, so it is named here like every other problem's.</summary>
    public const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";

    /// <summary>The problem for an empty error response the framework produced (401, 403, 404, 405, 429…).</summary>
    public static IResult ForStatus(int statusCode) => statusCode switch
    {
        StatusCodes.Status401Unauthorized => TypedResults.Problem(statusCode: statusCode, title: "Authentication is required."),
        StatusCodes.Status403Forbidden => TypedResults.Problem(statusCode: statusCode, title: "The caller may not do this."),
        StatusCodes.Status404NotFound => NotFound(),
        StatusCodes.Status405MethodNotAllowed => TypedResults.Problem(statusCode: statusCode, title: "The method is not allowed on this resource."),
        StatusCodes.Status429TooManyRequests => TypedResults.Problem(
            statusCode: statusCode,
            title: "Too many requests.",
            detail: "Retry after the time given in Retry-After.",
            type: TooManyRequestsType),
        _ => TypedResults.Problem(statusCode: statusCode),
    };

    public static IResult ServerError() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status500InternalServerError,
            title: "An unexpected error occurred.",
            detail: "The error has been logged. Quote the trace id when reporting it.");
}
