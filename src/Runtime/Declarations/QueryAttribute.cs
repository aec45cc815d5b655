namespace SecureApi;

/// <summary>Binds a parameter from the query string under <see cref="Name"/> (defaults to the parameter name).</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class QueryAttribute : Attribute
{
    public string? Name { get; set; }
}
