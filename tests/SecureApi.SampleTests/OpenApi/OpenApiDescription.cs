using System.Text.Json.Nodes;

namespace SecureApi.SampleTests.OpenApi;

/// <summary>
/// An OpenAPI 3.1 JSON document read with System.Text.Json (no OpenAPI library, so the test does not share the
/// server's reading of the model): its operations, and <c>$ref</c>s resolved within the document.
/// </summary>
public sealed class OpenApiDescription
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private OpenApiDescription(JsonObject root)
    {
        Root = root;
        Operations = [.. ReadOperations()];
    }

    public JsonObject Root { get; }

    public IReadOnlyList<OpenApiOperation> Operations { get; }

    public static OpenApiDescription Parse(string json) =>
        new(JsonNode.Parse(json) as JsonObject ?? throw new FormatException("An OpenAPI document is a JSON object."));

    /// <summary>The operation called <paramref name="name"/> (its <see cref="OpenApiOperation.Name"/>).</summary>
    public OpenApiOperation Operation(string name) =>
        Operations.SingleOrDefault(o => o.Name == name) ?? throw new KeyNotFoundException($"The document has no operation '{name}'.");

    /// <summary>The operation whose method and path template match a request, the most literal template first; null when none does.</summary>
    public OpenApiOperation? Match(string method, string path) =>
        Operations
            .Where(o => string.Equals(o.Method, method, StringComparison.OrdinalIgnoreCase) && o.Template.Matches(path))
            .OrderByDescending(o => o.Template.LiteralSegments)
            .FirstOrDefault();

    /// <summary>Whether any operation's path template matches <paramref name="path"/>, whatever its method.</summary>
    public bool HasPath(string path) => Operations.Any(o => o.Template.Matches(path));

    /// <summary>Follows <c>$ref</c>s (local JSON pointers) until the node is not a reference.</summary>
    public JsonObject Resolve(JsonNode? node)
    {
        var current = node as JsonObject ?? throw new FormatException($"Expected a JSON object, got: {node?.ToJsonString() ?? "null"}");
        for (var hops = 0; current["$ref"] is JsonValue reference; hops++)
        {
            if (hops > 32)
            {
                throw new FormatException("A $ref chain does not end.");
            }

            current = Pointer(reference.GetValue<string>()) as JsonObject
                ?? throw new FormatException($"The $ref '{reference}' does not name an object in the document.");
        }

        return current;
    }

    private JsonNode? Pointer(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new FormatException($"Only local $refs are read: '{reference}'.");
        }

        JsonNode? node = Root;
        foreach (var token in reference[2..].Split('/'))
        {
            node = node?[token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return node;
    }

    private IEnumerable<OpenApiOperation> ReadOperations()
    {
        if (Root["paths"] is not JsonObject paths)
        {
            yield break;
        }

        var rootSecurity = Root["security"] as JsonArray;
        foreach (var (path, pathNode) in paths)
        {
            var pathItem = Resolve(pathNode);
            foreach (var method in Methods)
            {
                if (pathItem[method] is not JsonObject operation)
                {
                    continue;
                }

                yield return new OpenApiOperation(
                    method.ToUpperInvariant(),
                    path,
                    operation["operationId"]?.GetValue<string>(),
                    Parameters(pathItem["parameters"] as JsonArray, operation["parameters"] as JsonArray),
                    RequestBody(operation["requestBody"]),
                    operation["responses"] is JsonObject responses ? [.. responses.Select(r => r.Key)] : [],
                    SecurityRequirements(operation["security"] as JsonArray ?? rootSecurity),
                    operation);
            }
        }
    }

    /// <summary>Path-level parameters, overridden by operation-level ones with the same name and location.</summary>
    private List<OpenApiParameter> Parameters(JsonArray? pathLevel, JsonArray? operationLevel)
    {
        var parameters = new List<OpenApiParameter>();
        foreach (var node in (pathLevel ?? []).Concat(operationLevel ?? []))
        {
            var parameter = Resolve(node);
            var read = new OpenApiParameter(
                parameter["name"]!.GetValue<string>(),
                parameter["in"]!.GetValue<string>(),
                parameter["required"]?.GetValue<bool>() ?? false,
                parameter["schema"] is { } schema ? Resolve(schema) : []);
            parameters.RemoveAll(p => p.Name == read.Name && p.In == read.In);
            parameters.Add(read);
        }

        return parameters;
    }

    private OpenApiRequestBody? RequestBody(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var body = Resolve(node);
        var content = body["content"] as JsonObject ?? [];
        var (mediaType, media) = content.FirstOrDefault(c => c.Key.Contains("json", StringComparison.OrdinalIgnoreCase));
        return new OpenApiRequestBody(
            mediaType ?? content.FirstOrDefault().Key ?? "application/json",
            body["required"]?.GetValue<bool>() ?? false,
            media?["schema"] is { } schema ? Resolve(schema) : []);
    }

    private static List<IReadOnlyDictionary<string, IReadOnlyList<string>>> SecurityRequirements(JsonArray? security) =>
        [.. (security ?? []).OfType<JsonObject>().Select(requirement => (IReadOnlyDictionary<string, IReadOnlyList<string>>)requirement.ToDictionary(
            scheme => scheme.Key,
            scheme => (IReadOnlyList<string>)[.. (scheme.Value as JsonArray ?? []).Select(s => s!.GetValue<string>())],
            StringComparer.Ordinal))];
}
