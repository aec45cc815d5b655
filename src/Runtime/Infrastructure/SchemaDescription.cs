using System.ComponentModel;

namespace SecureApi.Infrastructure;

/// <summary>
/// A JSON schema as the generator knows it: the type, its format and the limits validation enforces. Plain values only,
/// written by generated code, so the OpenAPI document needs no reflection over the application's types.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SchemaDescription
{
    /// <summary><c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>array</c> or <c>object</c>; null with <see cref="Reference"/>.</summary>
    public string? Type { get; init; }

    public string? Format { get; init; }

    /// <summary>The name of a component schema this one is (objects and enums are components).</summary>
    public string? Reference { get; init; }

    /// <summary>Null is a valid value: written as an OpenAPI 3.1 type array (<c>["string", "null"]</c>).</summary>
    public bool Nullable { get; init; }

    public string? Description { get; init; }

    public SchemaDescription? Items { get; init; }

    public IReadOnlyList<PropertyDescription> Properties { get; init; } = [];

    /// <summary>For a map (an object with free member names): the schema of every member's value.</summary>
    public SchemaDescription? AdditionalProperties { get; init; }

    /// <summary>The members a valid value must have.</summary>
    public IReadOnlyList<string> Required { get; init; } = [];

    /// <summary>The names an enum (or an allow-list) admits, as they are written in JSON.</summary>
    public IReadOnlyList<string> Enum { get; init; } = [];

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    /// <summary>Inclusive bounds, as invariant-culture numbers.</summary>
    public string? Minimum { get; init; }

    public string? Maximum { get; init; }

    /// <summary>An ECMA-262-compatible pattern the value must match.</summary>
    public string? Pattern { get; init; }
}
