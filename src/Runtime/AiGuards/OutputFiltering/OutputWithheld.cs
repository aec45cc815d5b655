using Microsoft.AspNetCore.Http;

namespace SecureApi.AiGuards.OutputFiltering;

/// <summary>The answer when the firewall refuses a response: 403 ProblemDetails that names no value (the event names the kinds).</summary>
internal static class OutputWithheld
{
    public static IResult Problem() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "The response was withheld.",
            detail: "It carried data this service does not release. The event was recorded.");
}
