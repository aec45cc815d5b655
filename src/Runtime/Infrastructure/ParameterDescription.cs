using System.ComponentModel;

namespace SecureApi.Infrastructure;

/// <summary>A route, query or header parameter an endpoint binds, with its schema.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ParameterDescription(string name, ParameterPlace place, bool required, SchemaDescription schema)
{
    public string Name { get; } = name;

    public ParameterPlace Place { get; } = place;

    public bool Required { get; } = required;

    public SchemaDescription Schema { get; } = schema;

    public string? Description { get; init; }
}
