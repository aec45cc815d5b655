namespace SecureApi;

/// <summary>
/// Requires the caller to have been granted at least one of <paramref name="scopes"/> (the <c>scope</c> or <c>scp</c>
/// claim). On a class it applies to every endpoint; on a method it adds to the class requirement (both must hold), and
/// several attributes must all hold. A scope is an RFC 6749 scope token: printable ASCII without spaces, quotes or
/// backslashes (checked at compile time, SAPI045).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false, AllowMultiple = true)]
public sealed class RequireScopeAttribute(params string[] scopes) : Attribute
{
    public IReadOnlyList<string> Scopes { get; } = scopes;
}
