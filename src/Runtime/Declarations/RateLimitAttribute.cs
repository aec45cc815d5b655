namespace SecureApi;

/// <summary>
/// Chooses the named rate-limit policy (<c>SecureApi:RateLimiting:Policies</c>) for an endpoint or every endpoint of a
/// class, instead of <c>default</c>. Also usable as endpoint metadata on a hand-mapped endpoint.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class RateLimitAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}
