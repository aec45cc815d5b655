using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureApi.Infrastructure;

/// <summary>
/// The one set of JSON rules every SecureApi request is read with. Anything ambiguous is refused rather than guessed:
/// unknown, duplicate or differently-cased members, numbers in strings, NaN/Infinity, comments, trailing commas, deep nesting.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StrictJson
{
    /// <summary>Nesting deeper than this is refused (400).</summary>
    public const int MaxDepth = 32;

    /// <summary>Creates the options the generated <c>JsonSerializerContext</c> is built on.</summary>
    public static JsonSerializerOptions CreateOptions() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = MaxDepth,
        RespectNullableAnnotations = false, // null for a non-nullable member becomes a per-field "required" error instead
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,

        // No DictionaryKeyPolicy: the generated context describes no dictionary, and System.Text.Json uses the context's
        // fast-path writers only for options without one.
    };
}
