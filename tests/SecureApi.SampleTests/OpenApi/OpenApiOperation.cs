using System.Text.Json.Nodes;

namespace SecureApi.SampleTests.OpenApi;

/// <summary>One operation of an OpenAPI document, as the conformance tests need it.</summary>
/// <param name="Security">The requirements in force (the operation's, else the document's); empty means anonymous.</param>
public sealed record OpenApiOperation(
    string Method,
    string Path,
    string? OperationId,
    IReadOnlyList<OpenApiParameter> Parameters,
    OpenApiRequestBody? RequestBody,
    IReadOnlyList<string> ResponseKeys,
    IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<string>>> Security,
    JsonObject Node)
{
    /// <summary>How tests name the operation: method and path template, which a reader can find in the document.</summary>
    public string Name => Method + " " + Path;

    public PathTemplate Template { get; } = new(Path);

    /// <summary>Anonymous when no requirement is in force or one of them is the empty requirement <c>{}</c>.</summary>
    public bool IsAnonymous => Security.Count == 0 || Security.Any(r => r.Count == 0);

    /// <summary>Whether the responses list <paramref name="status"/>: exactly, by a range such as <c>4XX</c>, or by <c>default</c>.</summary>
    public bool Lists(int status) => ResponseKeys.Any(key =>
        key == "default"
        || key == status.ToString(System.Globalization.CultureInfo.InvariantCulture)
        || (key.Length == 3 && key.EndsWith("XX", StringComparison.OrdinalIgnoreCase) && key[0] - '0' == status / 100));

    /// <summary>The listed statuses that are exact codes.</summary>
    public IEnumerable<int> ExactStatuses => ResponseKeys.Where(k => k.Length == 3 && k.All(char.IsAsciiDigit)).Select(k => int.Parse(k, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// A vendor extension of requirement sets (an array of arrays: every set must hold, any one name of a set does); a
    /// flat array of names is read as one set each. Empty when absent.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> ExtensionSets(string name) => Node[name] is JsonArray sets
        ? [.. sets.Select(set => set is JsonArray names ? (IReadOnlyList<string>)[.. names.Select(n => n!.GetValue<string>())] : [set!.GetValue<string>()])]
        : [];

    /// <summary>A vendor extension's string members (a string or an array of strings); empty when absent.</summary>
    public IReadOnlyList<string> Extension(string name) => Node[name] switch
    {
        JsonArray array => [.. array.Select(v => v!.GetValue<string>())],
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };
}

/// <summary>A route, query or header parameter.</summary>
public sealed record OpenApiParameter(string Name, string In, bool Required, JsonObject Schema);

/// <summary>A request body: its media type and the schema of its JSON.</summary>
public sealed record OpenApiRequestBody(string MediaType, bool Required, JsonObject Schema);
