namespace SecureApi;

/// <summary>Base of the verb attributes: the HTTP method and a route template relative to the class prefix.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public abstract class EndpointAttribute(string method, string template) : Attribute
{
    public string Method { get; } = method;

    /// <summary>Route template appended to the class prefix, e.g. <c>/{id}</c>; empty for the prefix itself.</summary>
    public string Template { get; } = template;

    /// <summary>Endpoint name for link generation and OpenAPI; defaults to <c>Class.Method</c>.</summary>
    public string? Name { get; set; }
}

/// <summary>An HTTP GET endpoint.</summary>
public sealed class GetAttribute(string template = "") : EndpointAttribute("GET", template);

/// <summary>An HTTP POST endpoint.</summary>
public sealed class PostAttribute(string template = "") : EndpointAttribute("POST", template);

/// <summary>An HTTP PUT endpoint.</summary>
public sealed class PutAttribute(string template = "") : EndpointAttribute("PUT", template);

/// <summary>An HTTP PATCH endpoint.</summary>
public sealed class PatchAttribute(string template = "") : EndpointAttribute("PATCH", template);

/// <summary>An HTTP DELETE endpoint.</summary>
public sealed class DeleteAttribute(string template = "") : EndpointAttribute("DELETE", template);
