namespace SecureApi;

/// <summary>
/// Admits only callers of one of <paramref name="kinds"/> (<see cref="Caller.ClientKind"/>): for endpoints only people,
/// only services, or only people and their agents may call. On a class it applies to every endpoint; on a method it
/// narrows the class (the caller's kind must be allowed by both; SAPI046 when none is).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false, AllowMultiple = true)]
public sealed class RequireClientKindAttribute(params ClientKind[] kinds) : Attribute
{
    public IReadOnlyList<ClientKind> Kinds { get; } = kinds;
}
