using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting;

/// <summary>
/// The JSON context's fast path, as System.Text.Json's own generator writes it: for each type an endpoint writes, a
/// <c>SerializeHandler</c> that writes with <c>Utf8JsonWriter</c> and property names encoded once. It writes exactly
/// what the metadata writes (members in order, nothing ignored, <c>[FilterOutput]</c> members through the output
/// firewall, quarantined members withheld) and System.Text.Json calls it only for options that agree with
/// <see cref="GeneratedOptions"/>; a type whose shape it cannot serve exactly (one that reaches itself, where the
/// metadata's depth check would differ) gets no handler and stays on the metadata.
/// </summary>
internal static class JsonFastPathEmitter
{
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    private const string Serializer = "global::System.Text.Json.JsonSerializer";

    /// <summary>What the handlers assume, stated apart from <c>StrictJson</c> so that options disagreeing with it fall back to the metadata.</summary>
    public const string GeneratedOptions = """
        /// <summary>
        /// What the fast-path writers below assume: camelCase names, no member ignored by default. System.Text.Json calls
        /// them only for options that agree (and have no converters, encoder or dictionary key policy); others use the metadata.
        /// </summary>
        private static readonly global::System.Text.Json.JsonSerializerOptions s_generatedOptions = new()
        {
            PropertyNamingPolicy = global::System.Text.Json.JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = global::System.Text.Json.Serialization.JsonIgnoreCondition.Never,
            RespectNullableAnnotations = false,
        };

        protected override global::System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => s_generatedOptions;
        """;

    /// <summary>The types that get a handler: written by an endpoint, an object or a collection, and reaching no cycle.</summary>
    public static HashSet<string> Handled(IReadOnlyList<JsonTypeSpec> types)
    {
        var byName = types.ToDictionary(t => t.TypeName, System.StringComparer.Ordinal);
        return new HashSet<string>(
            types.Where(t => t.Written && (t.Kind is JsonTypeKind.Object or JsonTypeKind.Array or JsonTypeKind.List or JsonTypeKind.Enumerable) && !ReachesCycle(t, byName))
                .Select(t => t.TypeName),
            System.StringComparer.Ordinal);
    }

    /// <summary>The handler's name, as System.Text.Json's generator names it.</summary>
    public static string HandlerName(JsonTypeSpec type) => type.PropertyName + "SerializeHandler";

    public static void EmitHandler(SourceWriter writer, JsonTypeSpec type, Context context)
    {
        using (writer.Block($"private void {HandlerName(type)}({Writer} writer, {type.TypeName}? value)"))
        {
            using (writer.Block("if (value is null)"))
            {
                writer.Line("writer.WriteNullValue();");
                writer.Line("return;");
            }

            writer.Line();
            if (type.Object is { } objectSpec)
            {
                EmitObjectBody(writer, type.TypeName, objectSpec, context);
            }
            else
            {
                EmitCollectionBody(writer, type, context);
            }
        }
    }

    /// <summary>One pre-encoded name per distinct JSON name of the handlers, as System.Text.Json's generator shares them.</summary>
    public static void EmitPropertyNames(SourceWriter writer, IEnumerable<string> jsonNames)
    {
        foreach (var name in jsonNames.Distinct().OrderBy(n => n, System.StringComparer.Ordinal))
        {
            writer.Line($"private static readonly global::System.Text.Json.JsonEncodedText {NameField(name)} = global::System.Text.Json.JsonEncodedText.Encode({Names.Literal(name)});");
        }
    }

    /// <summary>The JSON names a handler of <paramref name="type"/> writes.</summary>
    public static IEnumerable<string> JsonNamesOf(JsonTypeSpec type) =>
        type.Object is not { } objectSpec ? []
        : objectSpec.Properties.Select(p => p.JsonName).Concat(objectSpec.Quarantine is null ? [] : [QuarantinedName]);

    /// <summary>The row's list of withheld members (<c>JsonContextEmitter</c> declares it with this name).</summary>
    public const string QuarantinedName = "quarantined";

    private static void EmitObjectBody(SourceWriter writer, string typeName, JsonObjectSpec spec, Context context)
    {
        writer.Line("writer.WriteStartObject();").Line();
        foreach (var property in spec.Properties)
        {
            EmitProperty(writer, property, JsonContextEmitter.ValueOf("value", property, spec.Quarantine), context);
        }

        if (spec.Quarantine is { } quarantine)
        {
            writer.Line($"var quarantined = {JsonContextEmitter.WithheldOf("value", quarantine)};");
            using (writer.Block("if (quarantined is not null) // the metadata's WhenWritingNull: no list when nothing is withheld"))
            {
                writer.Line($"writer.WritePropertyName({NameField(QuarantinedName)});");
                writer.Line(WriteNested(context.Types["string[]"], "quarantined", context));
            }
        }

        writer.Line().Line("writer.WriteEndObject();");
    }

    private static void EmitProperty(SourceWriter writer, JsonPropertySpec property, string read, Context context)
    {
        var type = context.Types[property.TypeName];
        var name = NameField(property.JsonName);
        if (DirectWriter(type) is { } method)
        {
            writer.Line($"writer.{method}({name}, {read});");
            return;
        }

        if (type.Kind == JsonTypeKind.Nullable && DirectWriter(context.Types[type.ElementType!]) is { } underlying)
        {
            var local = LocalName(property.JsonName);
            writer.Line($"if ({read} is {{ }} {local}) writer.{underlying}({name}, {local}); else writer.WriteNull({name});");
            return;
        }

        writer.Line($"writer.WritePropertyName({name});");
        writer.Line(WriteNested(type, read, context));
    }

    private static void EmitCollectionBody(SourceWriter writer, JsonTypeSpec type, Context context)
    {
        var element = context.Types[type.ElementType!];
        writer.Line("writer.WriteStartArray();");
        // Indexed where the metadata's converter indexes (List<T>) or the interface allows it: no enumerator to allocate.
        var indexed = type.Kind == JsonTypeKind.List || type.TypeName.StartsWith("global::System.Collections.Generic.IReadOnlyList<", System.StringComparison.Ordinal);
        using (writer.Block(type.Kind == JsonTypeKind.Array ? "foreach (var element in value)"
            : indexed ? "for (var i = 0; i < value.Count; i++)"
            : "foreach (var element in value)"))
        {
            var item = indexed ? "value[i]" : "element";
            if (DirectWriter(element) is { } method)
            {
                writer.Line($"writer.{method}Value({item});");
            }
            else if (element.Kind == JsonTypeKind.Nullable && DirectWriter(context.Types[element.ElementType!]) is { } underlying)
            {
                writer.Line($"if ({item} is {{ }} present) writer.{underlying}Value(present); else writer.WriteNullValue();");
            }
            else
            {
                writer.Line(WriteNested(element, item, context));
            }
        }

        writer.Line().Line("writer.WriteEndArray();");
    }

    /// <summary>A value that is not a primitive: its own handler when it has one, else its metadata (enums, dates, cycles).</summary>
    private static string WriteNested(JsonTypeSpec type, string value, Context context) =>
        context.Handled.Contains(type.TypeName)
            ? $"{HandlerName(type)}(writer, {value});"
            : $"{Serializer}.Serialize(writer, {value}, {type.PropertyName});";

    /// <summary>
    /// The <c>Utf8JsonWriter</c> method (property form; <c>…Value</c> for elements) that writes a value exactly as its
    /// built-in converter does; null for values written through their metadata.
    /// </summary>
    private static string? DirectWriter(JsonTypeSpec type) => type.Kind != JsonTypeKind.Value ? null : type.Converter switch
    {
        "StringConverter" or "GuidConverter" or "DateTimeConverter" or "DateTimeOffsetConverter" => "WriteString",
        "BooleanConverter" => "WriteBoolean",
        "ByteConverter" or "Int16Converter" or "Int32Converter" or "Int64Converter" or "SingleConverter" or "DoubleConverter" or "DecimalConverter" => "WriteNumber",
        _ => null,
    };

    private static bool ReachesCycle(JsonTypeSpec start, Dictionary<string, JsonTypeSpec> byName)
    {
        // Depth-first over members, elements and nullable values; a type met again on the current path is a cycle.
        var path = new HashSet<string>(System.StringComparer.Ordinal);
        var done = new HashSet<string>(System.StringComparer.Ordinal);

        bool Visit(string name)
        {
            if (!byName.TryGetValue(name, out var type) || done.Contains(name))
            {
                return false;
            }

            if (!path.Add(name))
            {
                return true;
            }

            var next = type.Object?.Properties.Select(p => p.TypeName) ?? (type.ElementType is { } element ? [element] : []);
            if (next.Any(Visit))
            {
                return true;
            }

            path.Remove(name);
            done.Add(name);
            return false;
        }

        return Visit(start.TypeName);
    }

    private static string NameField(string jsonName) => "PropName_" + jsonName;

    /// <summary>A local for a member's value: its JSON name, unless that is a keyword or a name the handler already uses.</summary>
    private static string LocalName(string jsonName) =>
        jsonName is "value" or "writer" or "quarantined" || SyntaxFacts.GetKeywordKind(jsonName) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(jsonName) != SyntaxKind.None
            ? jsonName + "Value"
            : jsonName;

    /// <summary>What every handler needs to know of the others.</summary>
    internal sealed class Context(IReadOnlyList<JsonTypeSpec> types, HashSet<string> handled)
    {
        public IReadOnlyDictionary<string, JsonTypeSpec> Types { get; } = types.ToDictionary(t => t.TypeName, System.StringComparer.Ordinal);

        public HashSet<string> Handled { get; } = handled;
    }
}
