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
                    EmitComponent(writer, schema);
                }
            }
        }

        return writer.ToString();
    }

    private static void EmitComponent(SourceWriter writer, OpenApiSchemaSpec schema)
    {
        using (writer.Block($"[{Names.Literal(schema.Name)}] = new()", ","))
        {
            writer.Line(schema.IsEnum ? "Type = \"string\"," : "Type = \"object\",");
            if (schema.Description is { } description)
            {
                writer.Line($"Description = {Names.Literal(description)},");
            }

            if (schema.IsEnum)
            {
                writer.Line($"Enum = [{string.Join(", ", schema.EnumMembers.Select(Names.Literal))}],");
                return;
            }

            writer.Line("Properties =");
            writer.Line("[");
            writer.Indent();
            foreach (var property in schema.Properties)
            {
                writer.Line($"new({Names.Literal(property.JsonName)}, {Inline(property.Schema)}),");
            }

            writer.Outdent();
            writer.Line("],");
            writer.Line($"Required = [{string.Join(", ", schema.Required.Select(Names.Literal))}],");
        }
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
