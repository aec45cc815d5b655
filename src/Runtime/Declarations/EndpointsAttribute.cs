namespace SecureApi;

/// <summary>
/// Marks a <c>partial</c> class whose methods are HTTP endpoints under <paramref name="prefix"/>.
/// The class is created per request; its constructor parameters come from dependency injection.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EndpointsAttribute(string prefix) : Attribute
{
    /// <summary>The route prefix shared by every endpoint of the class, e.g. <c>/notes</c>.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>The OpenAPI tag; defaults to the class name.</summary>
    public string? Tag { get; set; }
}
