namespace SecureApi;

/// <summary>Stored but never written to a response: the generated JSON metadata leaves it out.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SensitiveAttribute : Attribute;
