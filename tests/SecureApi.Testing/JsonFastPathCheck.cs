using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SecureApi.Testing;

/// <summary>
/// Checks a generated <c>SecureApiJsonContext</c>'s fast-path writers against its metadata: every type with a
/// <c>SerializeHandler</c> is written by System.Text.Json through the handler (its default options) and through the
/// metadata (the same context on options System.Text.Json finds incompatible with the handlers: one converter, for a
/// type no endpoint uses, which changes nothing written), for values that take every branch — nulls, empty and filled
/// collections, strings that need escaping, nested objects, every enum member — and the bytes must be equal.
/// Reflection is fine here: this is a test of generated code, never part of it.
/// </summary>
public static class JsonFastPathCheck
{
    /// <summary>Quotes, a backslash, HTML, a control character, non-ASCII and a surrogate pair: every escaping branch.</summary>
    public const string Escaping = "Quote \" back\\slash <b>&amp;</b> 'apos' tab\t nul\u0001 é 日本 😀";

    private static readonly PropertyInfo s_canUseHandler =
        typeof(JsonTypeInfo).GetProperty("CanUseSerializeHandler", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("System.Text.Json no longer has JsonTypeInfo.CanUseSerializeHandler: update this check.");

    /// <summary>The context's <c>Default</c> instance (on the strict options).</summary>
    public static JsonSerializerContext Default(Type contextType) =>
        (JsonSerializerContext)contextType.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>A second instance of the context whose options System.Text.Json will not run the handlers with.</summary>
    public static JsonSerializerContext MetadataOnly(Type contextType)
    {
        var options = new JsonSerializerOptions(Default(contextType).Options) { TypeInfoResolver = null };
        options.Converters.Add(new NeverWrittenConverter());
        return (JsonSerializerContext)Activator.CreateInstance(contextType, options)!;
    }

    /// <summary>The context's types that have a fast-path writer, by their <c>JsonTypeInfo</c> property.</summary>
    public static IReadOnlyList<JsonTypeInfo> Handled(JsonSerializerContext context) =>
        [.. context.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(JsonTypeInfo<>))
            .Select(p => (JsonTypeInfo)p.GetValue(context)!)
            .Where(info => info.GetType().GetProperty(nameof(JsonTypeInfo<object>.SerializeHandler))!.GetValue(info) is not null)
            .OrderBy(info => info.Type.FullName, StringComparer.Ordinal)];

    /// <summary>Whether System.Text.Json will call the type's handler rather than its metadata (its own internal decision).</summary>
    public static bool UsesHandler(JsonTypeInfo info) => (bool)s_canUseHandler.GetValue(info)!;

    /// <summary>Every value, type and variant where the handler's bytes differ from the metadata's; empty when none does.</summary>
    public static IReadOnlyList<string> Differences(Type contextType)
    {
        var fast = Default(contextType);
        var metadata = MetadataOnly(contextType);
        var differences = new List<string>();
        foreach (var info in Handled(fast))
        {
            var slow = metadata.GetTypeInfo(info.Type)!;
            if (!UsesHandler(info) || UsesHandler(slow))
            {
                differences.Add($"{info.Type}: the handler is {(UsesHandler(info) ? "" : "not ")}used on the strict options and {(UsesHandler(slow) ? "" : "not ")}on the incompatible ones");
                continue;
            }

            for (var variant = 0; variant < Variants; variant++)
            {
                var value = Build(info.Type, variant, depth: 0);
                var expected = Write(value, slow);
                var actual = Write(value, info);
                if (expected != actual)
                {
                    differences.Add($"{info.Type} (variant {variant}):\n  metadata: {expected}\n  handler:  {actual}");
                }
            }
        }

        return differences;
    }

    /// <summary>Values of <paramref name="type"/>: 0 nulls where allowed, 1 empties and zeros, 2 filled, escaping text, nested values.</summary>
    public const int Variants = 3;

    public static object? Build(Type type, int variant, int depth)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return variant == 0 ? null : Build(underlying, variant, depth);
        }

        if (type.IsEnum)
        {
            var members = Enum.GetValuesAsUnderlyingType(type);
            return Enum.ToObject(type, members.GetValue((variant + depth) % members.Length)!);
        }

        if (Scalar(type, variant) is { } scalar)
        {
            return scalar;
        }

        if (type == typeof(string))
        {
            return variant switch { 0 => null, 1 => "", _ => Escaping };
        }

        if (ElementOf(type) is { } element)
        {
            if (variant == 0 && depth > 0)
            {
                return null;
            }

            var items = variant < 2 ? [] : new[] { Build(element, 2, depth + 1), Build(element, 0, depth + 1), Build(element, 1, depth + 1) };
            var array = Array.CreateInstance(element, items.Length);
            Array.Copy(items, array, items.Length);
            return type.IsArray ? array : Activator.CreateInstance(typeof(List<>).MakeGenericType(element), array);
        }

        if (type == typeof(byte[]))
        {
            return variant switch { 0 => null, 1 => Array.Empty<byte>(), _ => new byte[] { 0, 1, 254, 255 } };
        }

        if (type == typeof(Uri))
        {
            return variant switch { 0 => null, 1 => new Uri("https://example.test/"), _ => new Uri("https://example.test/a?b=<c>&d=\"e\"") };
        }

        return depth > 3 || (variant == 0 && depth > 0) ? null : Object(type, variant, depth);
    }

    private static object Object(Type type, int variant, int depth)
    {
        var instance = RuntimeHelpers.GetUninitializedObject(type);
        for (var declaring = type; declaring is not null && declaring != typeof(object); declaring = declaring.BaseType)
        {
            foreach (var property in declaring.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (property.GetIndexParameters().Length > 0)
                {
                    continue;
                }

                var value = Build(property.PropertyType, variant, depth + 1);
                if (property.SetMethod is { } setter)
                {
                    setter.Invoke(instance, [value]); // init-only setters too
                }
                else if (declaring.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is { } field)
                {
                    field.SetValue(instance, value);
                }
            }
        }

        return instance;
    }

    private static object? Scalar(Type type, int variant) => type switch
    {
        _ when type == typeof(bool) => variant == 2,
        _ when type == typeof(byte) => (byte)(variant == 2 ? 255 : variant),
        _ when type == typeof(short) => (short)(variant == 2 ? short.MinValue : -variant),
        _ when type == typeof(int) => variant == 2 ? int.MaxValue : -variant,
        _ when type == typeof(long) => variant == 2 ? long.MinValue : -variant,
        _ when type == typeof(float) => variant == 2 ? 3.4028235E+38f : -0.1f * variant,
        _ when type == typeof(double) => variant == 2 ? 1.7976931348623157E+308 : variant == 1 ? -0.1 : 5e-324,
        _ when type == typeof(decimal) => variant == 2 ? decimal.MaxValue : variant == 1 ? -12.3450m : 0m,
        _ when type == typeof(char) => variant == 2 ? '"' : 'a',
        _ when type == typeof(Guid) => variant == 0 ? Guid.Empty : new Guid("0193a8a4-7c2e-7d3f-9a0b-1c2d3e4f5a6b"),
        _ when type == typeof(DateTime) => variant switch
        {
            0 => DateTime.MinValue,
            1 => new DateTime(2026, 11, 28, 9, 51, 13, DateTimeKind.Utc),
            _ => new DateTime(2026, 2, 3, 4, 5, 6, 789, DateTimeKind.Unspecified).AddTicks(1234),
        },
        _ when type == typeof(DateTimeOffset) => variant switch
        {
            0 => DateTimeOffset.MinValue,
            1 => new DateTimeOffset(2026, 11, 28, 9, 51, 13, TimeSpan.Zero),
            _ => new DateTimeOffset(2026, 2, 3, 4, 5, 6, 789, TimeSpan.FromHours(-5.5)).AddTicks(1234),
        },
        _ when type == typeof(DateOnly) => variant == 2 ? new DateOnly(2026, 11, 28) : DateOnly.MinValue,
        _ when type == typeof(TimeOnly) => variant == 2 ? new TimeOnly(23, 59, 59, 999) : TimeOnly.MinValue,
        _ when type == typeof(TimeSpan) => variant == 2 ? TimeSpan.FromDays(-1.5) : TimeSpan.Zero,
        _ => null,
    };

    private static Type? ElementOf(Type type)
    {
        if (type.IsArray)
        {
            return type == typeof(byte[]) ? null : type.GetElementType();
        }

        if (!type.IsGenericType || type.GetGenericArguments().Length != 1 || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(List<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static string Write(object? value, JsonTypeInfo info)
    {
        try
        {
            return Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(value, info));
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException or NullReferenceException)
        {
            return "threw " + exception.GetType().Name;
        }
    }

    private sealed class NeverWritten;

    /// <summary>Present only so the options have a converter, which makes System.Text.Json leave the handlers unused.</summary>
    private sealed class NeverWrittenConverter : JsonConverter<NeverWritten>
    {
        public override NeverWritten Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, NeverWritten value, JsonSerializerOptions options) => throw new NotSupportedException();
    }
}
