using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using SecureApi.Infrastructure;

namespace SecureApi.OpenApi;

/// <summary>Turns the generator's <see cref="SchemaDescription"/> into Microsoft.OpenApi schemas (OpenAPI 3.1: null is a type).</summary>
internal static class SchemaWriter
{
    public static IOpenApiSchema Write(SchemaDescription description, OpenApiDocument document)
    {
        if (description.Reference is { } reference)
        {
            var target = new OpenApiSchemaReference(reference, document);
            if (!description.Nullable && description.Description is null)
            {
                return target;
            }

            // A $ref cannot carry "null" beside it: the nullable form is "anyOf: [ref, null]".
            return new OpenApiSchema
            {
                Description = description.Description,
                AnyOf = description.Nullable ? [target, new OpenApiSchema { Type = JsonSchemaType.Null }] : [target],
            };
        }

        var schema = new OpenApiSchema
        {
            Type = TypeOf(description.Type) is { } type ? type | (description.Nullable ? JsonSchemaType.Null : 0) : null,
            Format = description.Format,
            Description = description.Description,
            MinLength = description.MinLength,
            MaxLength = description.MaxLength,
            MinItems = description.MinItems,
            MaxItems = description.MaxItems,
            Minimum = description.Minimum,
            Maximum = description.Maximum,
            Pattern = description.Pattern,
        };

        if (description.Items is { } items)
        {
            schema.Items = Write(items, document);
        }

        if (description.Enum.Count > 0)
        {
            schema.Enum = [.. description.Enum.Select(name => (JsonNode)JsonValue.Create(name))];
            if (description.Nullable)
            {
                schema.Enum.Add(null!); // an enum lists every admitted value, null included
            }
        }

        if (description.Type == "object")
        {
            schema.Properties = description.Properties.ToDictionary(p => p.Name, p => Write(p.Schema, document), StringComparer.Ordinal);
            schema.Required = new HashSet<string>(description.Required, StringComparer.Ordinal);

            if (description.AdditionalProperties is { } values)
            {
                schema.AdditionalProperties = Write(values, document);
            }
            else
            {
                // Requests are read strictly (an unknown member is a 400), and responses never carry a member not listed.
                schema.AdditionalPropertiesAllowed = false;
            }
        }

        return schema;
    }

    private static JsonSchemaType? TypeOf(string? type) => type switch
    {
        "string" => JsonSchemaType.String,
        "integer" => JsonSchemaType.Integer,
        "number" => JsonSchemaType.Number,
        "boolean" => JsonSchemaType.Boolean,
        "array" => JsonSchemaType.Array,
        "object" => JsonSchemaType.Object,
        _ => null,
    };
}
