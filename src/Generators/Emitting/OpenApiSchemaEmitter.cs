using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;
using SecureApi.Generators.Resolving;

namespace SecureApi.Generators.Emitting;

/// <summary>
/// Emits the assembly's OpenAPI component schemas as plain <c>SchemaDescription</c> values, which every endpoint's
/// <c>OperationDescription</c> shares and the runtime's document transformer writes out.
/// </summary>
internal static class OpenApiSchemaEmitter
{
    public const string HintName = "SecureApiOpenApiSchemas.g.cs";
    public const string ClassName = "SecureApiOpenApiSchemas";
    public const string SchemasProperty = "global::" + Names.GeneratedNamespace + "." + ClassName + ".All";

    private const string Description = "global::SecureApi.Infrastructure.SchemaDescription";

    public static string Emit(IReadOnlyList<OpenApiSchemaSpec> schemas)
    {
        var writer = new SourceWriter();
        writer.Lines(SourceWriter.Header).Line();
        writer.Line($"namespace {Names.GeneratedNamespace};").Line();
        writer.Line("/// <summary>The OpenAPI schemas of this assembly's request and response types, with the limits their validation enforces.</summary>");
        writer.Line(Names.GeneratedCodeAttribute);
        using (writer.Block($"internal static class {ClassName}"))
        {
            writer.Line("/// <summary>Every component schema, by name; shared by all of this assembly's operations.</summary>");
            using (writer.Block($"public static global::System.Collections.Generic.IReadOnlyDictionary<string, {Description}> All {{ get; }} = new global::System.Collections.Generic.Dictionary<string, {Description}>(global::System.StringComparer.Ordinal)", ";"))
            {
                foreach (var schema in schemas)
                {
                    writer.Line($"[{Names.Literal(schema.Name)}] = {Component(schema)},");
                }
            }
        }

        return writer.ToString();
    }

    private static string Component(OpenApiSchemaSpec schema)
    {
        var parts = new List<string>();
        if (schema.IsEnum)
        {
            parts.Add("Type = \"string\"");
            parts.Add($"Enum = [{string.Join(", ", schema.EnumMembers.Select(Names.Literal))}]");
        }
        else
        {
            parts.Add("Type = \"object\"");
            parts.Add($"Properties = [{string.Join(", ", schema.Properties.Select(p => $"new({Names.Literal(p.JsonName)}, {Inline(p.Schema)})"))}]");
            parts.Add($"Required = [{string.Join(", ", schema.Required.Select(Names.Literal))}]");
        }

        if (schema.Description is { } description)
        {
            parts.Add($"Description = {Names.Literal(description)}");
        }

        return $"new() {{ {string.Join(", ", parts)} }}";
    }

    /// <summary>An inline schema as a <c>new SchemaDescription { … }</c> expression.</summary>
    public static string Inline(OpenApiTypeSpec schema)
    {
        var parts = new List<string>();
        void Add(string name, string? value, bool quote = true)
        {
            if (value is not null)
            {
                parts.Add($"{name} = {(quote ? Names.Literal(value) : value)}");
            }
        }

        Add("Type", schema.Type);
        Add("Format", schema.Format);
        Add("Reference", schema.Reference);
        if (schema.Nullable)
        {
            parts.Add("Nullable = true");
        }

        if (schema.Items is { } items)
        {
            parts.Add("Items = " + Inline(items));
        }

        Add("MinLength", schema.MinLength, quote: false);
        Add("MaxLength", schema.MaxLength, quote: false);
        Add("MinItems", schema.MinItems, quote: false);
        Add("MaxItems", schema.MaxItems, quote: false);
        Add("Minimum", schema.Minimum);
        Add("Maximum", schema.Maximum);
        Add("Pattern", schema.Pattern, quote: false); // already a C# literal
        if (schema.Enum.Count > 0)
        {
            parts.Add($"Enum = [{string.Join(", ", schema.Enum)}]"); // C# literals
        }

        Add("Description", schema.Description);
        return $"new {Description} {{ {string.Join(", ", parts)} }}";
    }
}
