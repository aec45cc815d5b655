namespace SecureApi;

/// <summary>The caller's tenant scopes the row, like <see cref="OwnerAttribute"/> but from the <c>tenant</c> claim.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class TenantAttribute : Attribute;
