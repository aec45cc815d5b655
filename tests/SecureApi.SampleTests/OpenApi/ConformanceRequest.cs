using System.Text.Json.Nodes;

namespace SecureApi.SampleTests.OpenApi;

/// <summary>A request to one operation, built from the document: route values, query, headers and JSON body.</summary>
public sealed class ConformanceRequest(OpenApiOperation operation)
{
    public OpenApiOperation Operation => operation;

    public Dictionary<string, string> Route { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Query { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The JSON body, or null to send none.</summary>
    public JsonNode? Body { get; set; }

    public string Uri
    {
        get
        {
            var path = operation.Template.Fill(Route);
            return Query.Count == 0
                ? path
                : path + "?" + string.Join('&', Query.Select(q => System.Uri.EscapeDataString(q.Key) + "=" + System.Uri.EscapeDataString(q.Value)));
        }
    }

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(operation.Method), Uri);
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            message.Content = new StringContent(Body.ToJsonString(), System.Text.Encoding.UTF8, operation.RequestBody?.MediaType ?? "application/json");
        }

        return message;
    }

    public override string ToString() =>
        $"{operation.Method} {Uri} {string.Concat(Headers.Select(h => $"[{h.Key}: {h.Value}] "))}{Body?.ToJsonString()}";
}
