using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Infrastructure;

/// <summary>Strong ETags carrying a resource's concurrency version: <c>ETag: "3"</c> out, <c>If-Match: "3"</c> in.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ETags
{
    public static void Set(HttpContext context, long version) => context.Response.Headers.ETag = Of(version);

    // Most rows are read at a low version: their tags are built once, so setting one allocates nothing.
    private static readonly string[] s_smallTags = [.. Enumerable.Range(0, 256).Select(version => Quote(version))];

    /// <summary>The strong tag of <paramref name="version"/>, <c>"3"</c>: shared for small versions, else one string.</summary>
    internal static string Of(long version) =>
        (ulong)version < (ulong)s_smallTags.Length ? s_smallTags[version] : Quote(version);

    private static string Quote(long version)
    {
        Span<char> digits = stackalloc char[20];
        version.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        return string.Concat("\"", digits[..written], "\"");
    }

    /// <summary>A version no row ever has (versions start at 1): what an <c>If-Match</c> that names no usable version stands for.</summary>
    public const long Unmatchable = -1;

    /// <summary>The longest <c>If-Match</c> read (the OpenAPI document states it): one of our tags is at most 21 characters.</summary>
    internal const int MaxIfMatchLength = 100;

    /// <summary>
    /// The version an <c>If-Match</c> requires: null when the header is absent or <c>*</c> (no version condition), the version for
    /// one strong tag we issued, and <see cref="Unmatchable"/> for anything else (weak tags, lists, foreign tags) — which can
    /// never match, so the write fails with 412 rather than running unconditionally. A header longer than
    /// <see cref="MaxIfMatchLength"/> is malformed: 400 naming it, before anything is written.
    /// </summary>
    public static long? IfMatch(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch;
        if (header.Count == 1 && header[0] is { Length: > MaxIfMatchLength })
        {
            throw new MalformedHeaderException("If-Match", $"The If-Match header is one entity tag (the ETag you read) or *, at most {MaxIfMatchLength} characters.");
        }

        if (header.Count == 0 || (header.Count == 1 && header[0]?.Trim() == "*"))
        {
            return null;
        }

        if (header.Count == 1 && header[0] is { Length: > 2 } value && value[0] == '"' && value[^1] == '"' &&
            long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        return Unmatchable;
    }
}
