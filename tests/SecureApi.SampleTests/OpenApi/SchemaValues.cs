using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SecureApi.SampleTests.OpenApi;

/// <summary>
/// Makes JSON values from a schema: a value that satisfies every constraint, and strings or numbers just outside one
/// constraint while still inside the others. Strings for a <c>pattern</c> are found by trying candidates against .NET's Regex.
/// </summary>
public sealed class SchemaValues(OpenApiDescription document)
{
    /// <summary>Characters a length-bound string is built from, tried in turn until the pattern accepts one.</summary>
    // Varied characters first: a free-text member screened as [UntrustedText] refuses one character repeated thousands of times (flooding).
    private static readonly string[] Fillers = ["abcdefghijklmnopqrstuvwxyz0123456789", "a", "A", "0", "x1", "a-", "_", "Aa0", "-", ".", "!", "a ", new string('a', 40) + " "];

    /// <summary>Whole values tried first for a patterned string (an entity tag, a number, a word), whatever their length.</summary>
    private static readonly string[] PatternedCandidates = ["\"1\"", "1", "sample", "a", "a.a"];

    /// <summary>Strings that break common patterns: surrounding spaces, control characters, doubled separators, punctuation.</summary>
    private static readonly string[] PatternBreakers =
        [" ", " a", "a ", "\t", "a\u0001b", "a  b", "\"", "\\", "a\"b", "a\\b", "!", "*", "é", "a b", "a.b", "a/b", "-", "0", "a", ""];

    private static readonly string[] Alternatives = ["anyOf", "oneOf"];

    public OpenApiDescription Document => document;

    public JsonObject Resolve(JsonNode schema) => document.Resolve(schema);

    /// <summary>The JSON types the schema allows (<c>type</c> as a string or an array); an untyped object schema counts as object.</summary>
    public IReadOnlyList<string> Types(JsonObject schema)
    {
        schema = Effective(schema);
        return schema["type"] switch
        {
            JsonArray types => [.. types.Select(t => t!.GetValue<string>())],
            JsonValue type => [type.GetValue<string>()],
            _ when schema["properties"] is not null => ["object"],
            _ => [],
        };
    }

    /// <summary>Whether null is allowed: a <c>null</c> type, or a null-only alternative of <c>anyOf</c>/<c>oneOf</c>.</summary>
    public bool AllowsNull(JsonObject schema)
    {
        schema = Resolve(schema);
        return Types(schema).Contains("null")
            || Alternatives.Any(c => schema[c] is JsonArray alternatives && alternatives.Any(a => IsNullOnly(Resolve(a!))));
    }

    /// <summary>The main (first non-null) type, or null when the schema says nothing.</summary>
    public string? MainType(JsonObject schema) => Types(schema).FirstOrDefault(t => t != "null");

    /// <summary>The schema itself, or for <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c> the first alternative that is not just null.</summary>
    public JsonObject Effective(JsonObject schema)
    {
        schema = Resolve(schema);
        foreach (var combinator in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (schema[combinator] is JsonArray alternatives && schema["type"] is null && schema["properties"] is null)
            {
                var chosen = alternatives.Select(a => Resolve(a!)).FirstOrDefault(a => !IsNullOnly(a));
                if (chosen is not null)
                {
                    return Effective(chosen);
                }
            }
        }

        return schema;
    }

    /// <summary>A value that satisfies every constraint of <paramref name="schema"/>, every writable member included.</summary>
    public JsonNode? Valid(JsonNode schemaNode)
    {
        var schema = Effective(Resolve(schemaNode));
        if (schema["const"] is { } constant)
        {
            return constant.DeepClone();
        }

        if (schema["enum"] is JsonArray members)
        {
            return members.FirstOrDefault(m => m is not null)?.DeepClone();
        }

        return MainType(schema) switch
        {
            "object" => ValidObject(schema),
            "array" => ValidArray(schema),
            "integer" => JsonValue.Create(ValidInteger(schema)),
            "number" => JsonValue.Create((double)ValidInteger(schema)),
            "boolean" => JsonValue.Create(true),
            "null" => null,
            _ => JsonValue.Create(ValidString(schema)),
        };
    }

    /// <summary>The members a client writes (all of them but <c>readOnly</c> ones), with their resolved schemas.</summary>
    public IEnumerable<(string Name, JsonObject Schema, bool Required)> WritableMembers(JsonObject objectSchema)
    {
        objectSchema = Effective(objectSchema);
        var required = (objectSchema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, node) in objectSchema["properties"] as JsonObject ?? [])
        {
            var schema = Resolve(node!);
            if (schema["readOnly"]?.GetValue<bool>() != true)
            {
                yield return (name, schema, required.Contains(name));
            }
        }
    }

    /// <summary>A string of exactly <paramref name="length"/> characters that the schema's pattern (if any) accepts, or null.</summary>
    public static string? StringOfLength(JsonObject schema, int length)
    {
        var pattern = Pattern(schema);
        if (Format(schema) is { } format && FormattedString(format) is { } formatted && formatted.Length == length && Accepts(pattern, formatted))
        {
            return formatted;
        }

        // Distinct words first: a long run of one filler is flooding to the untrusted-text screen ([UntrustedText] members).
        if (Varied(length) is { } varied && Accepts(pattern, varied))
        {
            return varied;
        }

        foreach (var filler in Fillers)
        {
            var text = string.Concat(Enumerable.Repeat(filler, (length / filler.Length) + 1))[..length];
            if (Accepts(pattern, text))
            {
                return text;
            }

            // Separators often may not end a string: end on the filler's first character instead.
            if (length > 0 && text[..^1] + filler[0] is var ended && Accepts(pattern, ended))
            {
                return ended;
            }
        }

        // A shaped value (an entity tag "1") stretched by repeating its second character.
        foreach (var candidate in PatternedCandidates.Where(c => c.Length >= 2 && length >= 2 && Accepts(pattern, c)))
        {
            var stretched = candidate[0] + new string(candidate[1], length - 2) + candidate[^1];
            if (Accepts(pattern, stretched))
            {
                return stretched;
            }

            // A two-part value (a cursor "a.a") stretched by repeating its first character, keeping the separator once.
            var stretchedHead = new string(candidate[0], length - 2) + candidate[^2..];
            if (Accepts(pattern, stretchedHead))
            {
                return stretchedHead;
            }
        }

        return null;
    }

    /// <summary>A string within the length bounds that the pattern rejects, or null when no candidate does.</summary>
    public static string? StringBreakingPattern(JsonObject schema)
    {
        var pattern = Pattern(schema) ?? throw new ArgumentException("The schema has no pattern.", nameof(schema));
        var (min, max) = LengthBounds(schema);
        return PatternBreakers.FirstOrDefault(s => s.Length >= min && s.Length <= max && !Regex.IsMatch(s, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)));
    }

    public static string? Pattern(JsonObject schema) => schema["pattern"]?.GetValue<string>();

    public static string? Format(JsonObject schema) => schema["format"]?.GetValue<string>();

    public static (int Min, int Max) LengthBounds(JsonObject schema) =>
        (Count(schema, "minLength") ?? 0, Count(schema, "maxLength") ?? int.MaxValue);

    /// <summary>The inclusive integer bounds: minimum/maximum, exclusive ones, and the format's range.</summary>
    public static (decimal Min, decimal Max) IntegerBounds(JsonObject schema)
    {
        var (formatMin, formatMax) = FormatBounds(schema);
        var min = Math.Max(Number(schema, "minimum") ?? formatMin, Number(schema, "exclusiveMinimum") is { } exclusiveMin ? Math.Floor(exclusiveMin) + 1 : formatMin);
        var max = Math.Min(Number(schema, "maximum") ?? formatMax, Number(schema, "exclusiveMaximum") is { } exclusiveMax ? Math.Ceiling(exclusiveMax) - 1 : formatMax);
        return (min, max);
    }

    /// <summary>The range of an integer format (int32, int64, and so on), or all of decimal's when none is given.</summary>
    public static (decimal Min, decimal Max) FormatBounds(JsonObject schema) => Format(schema) switch
    {
        "int8" => (sbyte.MinValue, sbyte.MaxValue),
        "uint8" => (byte.MinValue, byte.MaxValue),
        "int16" => (short.MinValue, short.MaxValue),
        "uint16" => (ushort.MinValue, ushort.MaxValue),
        "int32" => (int.MinValue, int.MaxValue),
        "uint32" => (uint.MinValue, uint.MaxValue),
        "int64" => (long.MinValue, long.MaxValue),
        "uint64" => (ulong.MinValue, ulong.MaxValue),
        _ => (decimal.MinValue, decimal.MaxValue),
    };

    /// <summary>A parameter value as text: strings as they are, numbers and booleans in JSON form.</summary>
    public static string Text(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };

    public static int? Count(JsonObject schema, string keyword) => schema[keyword] is JsonValue value ? (int)value.GetValue<decimal>() : null;

    public static decimal? Number(JsonObject schema, string keyword) =>
        schema[keyword] is JsonValue value && value.TryGetValue<decimal>(out var number) ? number
        : schema[keyword] is JsonValue text && text.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;

    private JsonObject ValidObject(JsonObject schema)
    {
        var result = new JsonObject();
        foreach (var (name, member, _) in WritableMembers(schema))
        {
            result[name] = Valid(member);
        }

        return result;
    }

    private JsonArray ValidArray(JsonObject schema)
    {
        var count = Math.Clamp(1, Count(schema, "minItems") ?? 0, Count(schema, "maxItems") ?? int.MaxValue);
        return [.. Enumerable.Range(0, count).Select(_ => schema["items"] is { } items ? Valid(items) : JsonValue.Create("a"))];
    }

    private static decimal ValidInteger(JsonObject schema)
    {
        var (min, max) = IntegerBounds(schema);
        return Math.Clamp(1, min, max);
    }

    private string ValidString(JsonObject schema)
    {
        if (Format(schema) is { } format && FormattedString(format) is { } formatted && Accepts(Pattern(schema), formatted))
        {
            return formatted;
        }

        var (min, max) = LengthBounds(schema);
        if (Pattern(schema) is { } pattern
            && PatternedCandidates.FirstOrDefault(c => c.Length >= min && c.Length <= max && Accepts(pattern, c)) is { } candidate)
        {
            return candidate;
        }

        var length = Math.Clamp(5, min, max);
        return StringOfLength(schema, length)
            ?? throw new InvalidOperationException($"No candidate string of length {length} matches the pattern {Pattern(schema)}; add a filler to {nameof(SchemaValues)}.");
    }

    /// <summary>"w0 w1 w2 …" cut to <paramref name="length"/>, ending on a letter or digit; null below 3 characters.</summary>
    private static string? Varied(int length)
    {
        if (length < 3)
        {
            return null;
        }

        var text = new System.Text.StringBuilder(length + 8);
        for (var i = 0; text.Length < length; i++)
        {
            text.Append('w').Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(' ');
        }

        var cut = text.ToString(0, length);
        return cut[^1] == ' ' ? cut[..^1] + "w" : cut;
    }

    /// <summary>A fresh, valid value of a string format; a made-up id for <c>uuid</c>.</summary>
    private static string? FormattedString(string format) => format switch
    {
        "uuid" => Guid.NewGuid().ToString(),
        "date-time" => "2026-01-02T03:04:05+00:00",
        "date" => "2026-01-02",
        "time" => "03:04:05",
        "email" => "someone@example.com",
        "uri" => "https://example.com/",
        "int32" or "int64" => "1",
        _ => null,
    };

    private static bool Accepts(string? pattern, string text) =>
        pattern is null || Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));

    private bool IsNullOnly(JsonObject schema) => Types(schema) is ["null"];
}
