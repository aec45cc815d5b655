namespace SecureApi.Pipeline;

/// <summary>What observers and guards know about an endpoint: built once when it is mapped, shared by every request.</summary>
public sealed class EndpointInfo
{
    internal EndpointInfo(string name, string method, string route, string tag, bool allowAnonymous, string? rateLimitPolicy)
    {
        Name = name;
        Method = method;
        Route = route;
        Tag = tag;
        AllowAnonymous = allowAnonymous;
        RateLimitPolicy = rateLimitPolicy;
    }

    /// <summary>The endpoint's name, <c>{Class}.{Method}</c>.</summary>
    public string Name { get; }

    /// <summary>The HTTP method: <c>GET</c>, <c>POST</c>…</summary>
    public string Method { get; }

    /// <summary>The route template, e.g. <c>/notes/{id}</c>.</summary>
    public string Route { get; }

    /// <summary>The OpenAPI tag: the class's <c>Tag</c> or its name.</summary>
    public string Tag { get; }

    /// <summary>True when the declaration says <c>[AllowAnonymous]</c>.</summary>
    public bool AllowAnonymous { get; }

    /// <summary>The rate-limit policy the declaration names, if any.</summary>
    public string? RateLimitPolicy { get; }
}
