using System.Text.Json;

namespace SecureApi.Infrastructure;

/// <summary>
/// Turns a <see cref="JsonException"/> into a client-facing error keyed by the JSON path of the offending member.
/// The serializer's own message names .NET types, so it is classified and replaced, never echoed.
/// </summary>
internal static class JsonErrors
{
    public static ValidationErrors Describe(JsonException exception)
    {
        var errors = new ValidationErrors();
        errors.Add(KeyOf(exception.Path), MessageFor(exception));
        return errors;
    }

    /// <summary>True when the body carried a member the request type does not have (mass-assignment probing, or a typo).</summary>
    public static bool IsUnknownMember(JsonException exception) =>
        exception.Message.Contains(UnknownMemberMessage, StringComparison.Ordinal);

    private const string UnknownMemberMessage = "could not be mapped to any .NET member";

    /// <summary><c>$.items[0].name</c> → <c>items[0].name</c>; the document itself is <c>$</c>.</summary>
    internal static string KeyOf(string? path) => path switch
    {
        null or "" or "$" => "$",
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ when path.StartsWith('$') => path[1..],
        _ => path,
    };

    private static string MessageFor(JsonException exception)
    {
        var message = exception.Message;
        if (IsUnknownMember(exception))
        {
            return "This member is not part of the request. Members are case-sensitive.";
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "This member appears more than once.";
        }

        if (message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            return $"The JSON is nested deeper than {StrictJson.MaxDepth} levels.";
        }

        if (message.Contains("missing required properties", StringComparison.OrdinalIgnoreCase))
        {
            return "A required member is missing.";
        }

        return message.Contains("could not be converted", StringComparison.Ordinal)
            ? "The value has the wrong JSON type or is out of range for this member."
            : "The request body is not valid JSON for this endpoint.";
    }
}
