using Microsoft.AspNetCore.Http;
using SecureApi.Validation;

namespace SecureApi.Http;

/// <summary>The RFC 9457 problem responses SecureApi answers with. None carries exception text or internals.</summary>
public static class Problems
{
    public static IResult Validation(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is not valid.");

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

    public static IResult ServerError() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status500InternalServerError,
            title: "An unexpected error occurred.",
            detail: "The error has been logged. Quote the trace id when reporting it.");
}
