namespace SecureApi;

/// <summary>Applies the named ASP.NET Core rate-limiting policy to an endpoint or to every endpoint of a class.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class RateLimitAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}
