namespace SecureApi;

/// <summary>Lists may be filtered on this member by equality (<c>?filter.title=x</c>).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class FilterableAttribute : Attribute;
