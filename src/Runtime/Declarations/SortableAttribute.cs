namespace SecureApi;

/// <summary>Lists may be sorted by this member (<c>?sort=title</c>, <c>?sort=-title</c>).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SortableAttribute : Attribute;
