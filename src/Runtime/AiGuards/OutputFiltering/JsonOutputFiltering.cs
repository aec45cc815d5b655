using System.Buffers;
using System.Text.Json;

namespace SecureApi.AiGuards.OutputFiltering;

/// <summary>
/// Filters a JSON document's string values (not its structure, names, numbers or literals) in one forward pass of
/// <see cref="Utf8JsonReader"/> into <see cref="Utf8JsonWriter"/>: values are scanned unescaped, so <c>\u002B44…</c> is
/// seen as the <c>+44…</c> it is, and written back with the serializer's own encoder.
/// </summary>
internal static class JsonOutputFiltering
{
    /// <summary>The filtered document, or null when no value had anything to filter (send the original bytes).</summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> json, OutputFilter filter, JsonSerializerOptions options, Dictionary<string, int> findings, ref bool refused)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = options.MaxDepth == 0 ? 64 : options.MaxDepth + 1 });
        var buffer = new ArrayBufferWriter<byte>(json.Length + 64);
        var changed = false;
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, SkipValidation = true }))
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject: writer.WriteStartObject(); break;
                    case JsonTokenType.EndObject: writer.WriteEndObject(); break;
                    case JsonTokenType.StartArray: writer.WriteStartArray(); break;
                    case JsonTokenType.EndArray: writer.WriteEndArray(); break;
                    case JsonTokenType.PropertyName: writer.WritePropertyName(reader.GetString()!); break;
                    case JsonTokenType.String:
                        var value = reader.GetString()!;
                        var result = filter.Apply(value);
                        if (!result.IsClean)
                        {
                            changed = true;
                            refused |= result.Refused;
                            foreach (var (kind, count) in result.Findings)
                            {
                                findings[kind] = findings.GetValueOrDefault(kind) + count;
                            }
                        }

                        writer.WriteStringValue(result.Text);
                        break;
                    case JsonTokenType.Number: writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
                    case JsonTokenType.True: writer.WriteBooleanValue(true); break;
                    case JsonTokenType.False: writer.WriteBooleanValue(false); break;
                    case JsonTokenType.Null: writer.WriteNullValue(); break;
                }
            }
        }

        return changed ? buffer.WrittenSpan.ToArray() : null;
    }
}
