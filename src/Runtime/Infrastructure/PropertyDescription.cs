using System.ComponentModel;

namespace SecureApi.Infrastructure;

/// <summary>One member of an object schema, named as in JSON.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PropertyDescription(string name, SchemaDescription schema)
{
    public string Name { get; } = name;

    public SchemaDescription Schema { get; } = schema;
}
