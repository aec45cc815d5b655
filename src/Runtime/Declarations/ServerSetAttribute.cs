namespace SecureApi;

/// <summary>Set by the store, never by a request: a <c>DateTimeOffset</c> stamped on insert (and on every update when <see cref="OnUpdate"/>).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ServerSetAttribute : Attribute
{
    public bool OnUpdate { get; set; }
}
