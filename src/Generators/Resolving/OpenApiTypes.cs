using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Resolving;

/// <summary>
/// The OpenAPI schema of one C# type as System.Text.Json writes it with SecureApi's options: objects and enums are
/// components (referenced by their JSON context name), values carry their format and the limits declared on them.
/// </summary>
internal static class OpenApiTypes
{
    /// <summary>The schema of <paramref name="typeName"/>, found among <paramref name="types"/>; null when it is not a JSON type.</summary>
    public static OpenApiTypeSpec? Of(string typeName, IReadOnlyDictionary<string, JsonTypeSpec> types, IEnumerable<RuleSpec> rules, bool nullable)
    {
        if (!types.TryGetValue(typeName, out var type))
        {
            return null;
        }

        var schema = type.Kind switch
        {
            JsonTypeKind.Value => ValueOf(type.Converter),
            JsonTypeKind.Nullable => Of(type.ElementType!, types, [], nullable: true),
            JsonTypeKind.Enum or JsonTypeKind.Object => new OpenApiTypeSpec(null, Reference: type.PropertyName),
            _ => Of(type.ElementType!, types, [], nullable: false) is { } items ? new OpenApiTypeSpec("array", Items: items) : null,
        };
        if (schema is null)
        {
            return null;
        }

        if (nullable)
        {
            schema = schema with { Nullable = true };
        }

        return Apply(schema, rules);
    }

    /// <summary>The schema of a route, query or header value: a parsable type by its name, or an enum by its members.</summary>
    public static OpenApiTypeSpec OfParameter(ParameterSpec parameter)
    {
        if (parameter.EnumMembers.Count > 0)
        {
            return new OpenApiTypeSpec("string", Enum: parameter.EnumMembers.Select(Literal).ToEquatableArray());
        }

        // Text is bounded by the binder (RequestBinding.MaxTextValueLength): a longer value is this parameter's 400.
        const string textLimit = "2048";
        var schema = ValueOf(ConverterOf(parameter.UnderlyingTypeName)) ?? new OpenApiTypeSpec("string");
        return schema.Type == "string" && schema.MaxLength is null && schema.Enum.Count == 0 ? schema with { MaxLength = textLimit } : schema;
    }

    /// <summary>The schema of a value with a built-in converter; integers carry their type's bounds (a tighter [Range] replaces them).</summary>
    public static OpenApiTypeSpec? ValueOf(string? converter) => converter switch
    {
        "StringConverter" => new OpenApiTypeSpec("string"),
        "BooleanConverter" => new OpenApiTypeSpec("boolean"),
        "ByteConverter" => new OpenApiTypeSpec("integer", "int32", Minimum: "0", Maximum: "255"),
        "Int16Converter" => new OpenApiTypeSpec("integer", "int32", Minimum: "-32768", Maximum: "32767"),
        "Int32Converter" => new OpenApiTypeSpec("integer", "int32", Minimum: int.MinValue.ToString(CultureInfo.InvariantCulture), Maximum: int.MaxValue.ToString(CultureInfo.InvariantCulture)),
        "Int64Converter" => new OpenApiTypeSpec("integer", "int64", Minimum: long.MinValue.ToString(CultureInfo.InvariantCulture), Maximum: long.MaxValue.ToString(CultureInfo.InvariantCulture)),
        "SingleConverter" => new OpenApiTypeSpec("number", "float"),
        "DoubleConverter" => new OpenApiTypeSpec("number", "double"),
        "DecimalConverter" => new OpenApiTypeSpec("number", "decimal"),
        "CharConverter" => new OpenApiTypeSpec("string", MinLength: "1", MaxLength: "1"),
        "DateTimeConverter" or "DateTimeOffsetConverter" => new OpenApiTypeSpec("string", "date-time", MaxLength: "64"),
        "DateOnlyConverter" => new OpenApiTypeSpec("string", "date", MaxLength: "10"),
        "TimeOnlyConverter" => new OpenApiTypeSpec("string", "time", MaxLength: "16"),
        "TimeSpanConverter" => new OpenApiTypeSpec("string", MaxLength: "26", Pattern: Literal(@"^-?(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d{1,7})?$")),
        "GuidConverter" => new OpenApiTypeSpec("string", "uuid", MaxLength: "36"),
        "UriConverter" => new OpenApiTypeSpec("string", "uri-reference"),
        "ByteArrayConverter" => new OpenApiTypeSpec("string", "byte"),
        _ => null,
    };

    /// <summary>The converter of a parsable type, so route and query values share the JSON values' schemas.</summary>
    private static string? ConverterOf(string typeName) => typeName switch
    {
        "string" => "StringConverter",
        "bool" => "BooleanConverter",
        "byte" => "ByteConverter",
        "short" => "Int16Converter",
        "int" => "Int32Converter",
        "long" => "Int64Converter",
        "float" => "SingleConverter",
        "double" => "DoubleConverter",
        "decimal" => "DecimalConverter",
        "char" => "CharConverter",
        "global::System.DateTime" => "DateTimeConverter",
        "global::System.DateTimeOffset" => "DateTimeOffsetConverter",
        "global::System.DateOnly" => "DateOnlyConverter",
        "global::System.TimeOnly" => "TimeOnlyConverter",
        "global::System.TimeSpan" => "TimeSpanConverter",
        "global::System.Guid" => "GuidConverter",
        "global::System.Uri" => "UriConverter",
        _ => null,
    };

    private static readonly string[] s_or = [" or "];

    /// <summary>Declared limits, as validation reads them: lengths, counts, range, pattern, e-mail, allowed values.</summary>
    public static OpenApiTypeSpec Apply(OpenApiTypeSpec schema, IEnumerable<RuleSpec> rules)
    {
        foreach (var rule in rules)
        {
            schema = rule.Kind switch
            {
                RuleKind.MinLength => schema with { MinLength = rule.Argument1 },
                RuleKind.MaxLength => schema with { MaxLength = rule.Argument1 },
                RuleKind.MinCount => schema with { MinItems = rule.Argument1 },
                RuleKind.MaxCount => schema with { MaxItems = rule.Argument1 },
                RuleKind.Range => schema with { Minimum = Number(rule.Argument1), Maximum = Number(rule.Argument2) },
                RuleKind.Pattern => schema with { Pattern = rule.Argument1 },
                RuleKind.Email => schema with { Format = "email" },
                RuleKind.Allowed when schema.Type == "string" => schema with { Enum = rule.Argument1.Split(s_or, System.StringSplitOptions.None).Where(v => v != "null").ToEquatableArray() },
                _ => schema,
            };
        }

        return schema;
    }

    /// <summary><c>(global::System.Int32)1</c> or <c>2.5D</c> (a validation literal) → <c>1</c>, <c>2.5</c>.</summary>
    private static string Number(string literal)
    {
        var close = literal.StartsWith("(", System.StringComparison.Ordinal) ? literal.IndexOf(')') : -1;
        var number = close >= 0 ? literal.Substring(close + 1) : literal;
        return number.TrimEnd('D', 'F', 'M', 'L', 'd', 'f', 'm', 'l');
    }

    public static string Literal(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
}
