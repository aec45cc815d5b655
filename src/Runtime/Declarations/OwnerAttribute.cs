namespace SecureApi;

/// <summary>The caller's subject owns the row: every store operation filters on it; it is set from the caller, never from a request.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class OwnerAttribute : Attribute;
