namespace SecureApi;

/// <summary>
/// Requires the caller to hold at least one of <paramref name="roles"/>. On a class it applies to every endpoint;
/// on a method it adds to the class requirement (both must hold).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false, AllowMultiple = true)]
public sealed class RequireRoleAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}
