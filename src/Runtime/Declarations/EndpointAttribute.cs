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
