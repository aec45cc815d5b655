namespace SecureApi.Generators.Models;

// The OpenAPI description of the assembly's JSON types, resolved from the JSON context's types and the validation rules
// (so each documented limit is the one validation enforces). Plain values, like every model.

/// <summary>A component schema: an object (request or response type) or an enum.</summary>
/// <param name="Name">The component name: the type's JSON context property name (<c>NewNote</c>, <c>Shop_Orders_Line</c>).</param>
/// <param name="Required">JSON names a valid value must carry: for a request type, what validation requires; for a response, every member (all are always written).</param>
internal sealed record OpenApiSchemaSpec(
    string Name,
    string? Description,
    bool IsEnum,
    EquatableArray<OpenApiPropertySpec> Properties,
    EquatableArray<string> Required,
    EquatableArray<string> EnumMembers);

internal sealed record OpenApiPropertySpec(string JsonName, OpenApiTypeSpec Schema);

/// <summary>An inline schema: a value type with its format and limits, an array, or a reference to a component.</summary>
/// <param name="Type">JSON Schema type (<c>string</c>, <c>integer</c>...); null for a <paramref name="Reference"/>.</param>
/// <param name="Pattern">A C# string literal, ready to emit.</param>
/// <param name="Enum">C# string literals of the admitted values (<c>[AllowedValues]</c>, enum members).</param>
internal sealed record OpenApiTypeSpec(
    string? Type,
    string? Format = null,
    string? Reference = null,
    bool Nullable = false,
    OpenApiTypeSpec? Items = null,
    string? MinLength = null,
    string? MaxLength = null,
    string? MinItems = null,
    string? MaxItems = null,
    string? Minimum = null,
    string? Maximum = null,
    string? Pattern = null,
    EquatableArray<string> Enum = default,
    string? Description = null);
