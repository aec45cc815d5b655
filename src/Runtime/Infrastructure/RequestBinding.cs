using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace SecureApi.Infrastructure;

/// <summary>
/// Binds route, query and header values for generated handlers with <see cref="IParsable{TSelf}"/> and the invariant culture.
/// A value that does not parse, a required value that is missing, or a value given twice is an error under the parameter's name.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RequestBinding
{
    /// <summary>
    /// The longest route, query or header value a handler binds (the OpenAPI document states it as <c>maxLength</c>): well
    /// inside Kestrel's own limits, so a longer value is this parameter's 400 rather than the server's 414 or 431.
    /// </summary>
    internal const int MaxTextValueLength = 2048;

    public static T? Route<T>(HttpContext context, string name, ref ValidationErrors? errors)
        where T : IParsable<T>
    {
        var raw = context.Request.RouteValues[name] as string;
        if (raw is { Length: > MaxTextValueLength })
        {
            ValidationErrors.Add(ref errors, name, $"The route value is longer than {MaxTextValueLength} characters.");
            return default;
        }

        if (raw is not null && !raw.Contains('\0', StringComparison.Ordinal) && T.TryParse(raw, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        ValidationErrors.Add(ref errors, name, $"The route value is not a valid {Describe<T>()}.");
        return default;
    }

    public static T? RouteEnum<T>(HttpContext context, string name, ref ValidationErrors? errors)
        where T : struct, Enum
    {
        var raw = context.Request.RouteValues[name] as string;
        if (raw is not null && TryParseEnum<T>(raw, out var value))
        {
            return value;
        }

        ValidationErrors.Add(ref errors, name, $"The route value must be one of: {string.Join(", ", Enum.GetNames<T>())}.");
        return default;
    }

    /// <summary>A query value; when absent, <paramref name="fallback"/> (or an error when <paramref name="required"/>).</summary>
    public static T? Query<T>(HttpContext context, string name, ref ValidationErrors? errors, bool required, T? fallback = default)
        where T : IParsable<T> =>
        Single(context.Request.Query.TryGetValue(name, out var values), values, name, QueryValue, required, ref errors) is { } raw
            ? Parse(raw, name, QueryValue, fallback, ref errors)
            : fallback;

    public static T? NullableQuery<T>(HttpContext context, string name, ref ValidationErrors? errors)
        where T : struct, IParsable<T> =>
        Single(context.Request.Query.TryGetValue(name, out var values), values, name, QueryValue, required: false, ref errors) is { } raw
            ? ParseNullable<T>(raw, name, QueryValue, ref errors)
            : null;

    public static T? QueryEnum<T>(HttpContext context, string name, ref ValidationErrors? errors, bool required)
        where T : struct, Enum
    {
        if (Single(context.Request.Query.TryGetValue(name, out var values), values, name, QueryValue, required, ref errors) is not { } raw)
        {
            return null;
        }

        if (TryParseEnum<T>(raw, out var value))
        {
            return value;
        }

        ValidationErrors.Add(ref errors, name, $"The query value must be one of: {string.Join(", ", Enum.GetNames<T>())}.");
        return null;
    }

    /// <summary>A header value (<c>[FromHeader]</c>); when absent, <paramref name="fallback"/> (or an error naming the header when <paramref name="required"/>).</summary>
    public static T? Header<T>(HttpContext context, string name, ref ValidationErrors? errors, bool required, T? fallback = default)
        where T : IParsable<T> =>
        Single(context.Request.Headers.TryGetValue(name, out var values), values, name, HeaderValue, required, ref errors) is { } raw
            ? Parse(raw, name, HeaderValue, fallback, ref errors)
            : fallback;

    public static T? NullableHeader<T>(HttpContext context, string name, ref ValidationErrors? errors)
        where T : struct, IParsable<T> =>
        Single(context.Request.Headers.TryGetValue(name, out var values), values, name, HeaderValue, required: false, ref errors) is { } raw
            ? ParseNullable<T>(raw, name, HeaderValue, ref errors)
            : null;

    /// <summary>The header that makes a generated create safe to retry (IETF draft-ietf-httpapi-idempotency-key-header).</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>
    /// The <c>Idempotency-Key</c> of a generated create, or null when none was sent. The draft's form is a structured-field
    /// string (<c>"abc"</c>); a bare value (<c>abc</c>) is accepted too. Either way the key is 1–255 printable ASCII
    /// characters, given once; anything else is an error naming the header.
    /// </summary>
    public static string? IdempotencyKey(HttpContext context, ref ValidationErrors? errors)
    {
        if (Single(context.Request.Headers.TryGetValue(IdempotencyKeyHeader, out var values), values, IdempotencyKeyHeader, HeaderValue, required: false, ref errors) is not { } raw)
        {
            return null;
        }

        if (ParseIdempotencyKey(raw) is { Length: >= 1 and <= MaxIdempotencyKeyLength } key)
        {
            return key;
        }

        ValidationErrors.Add(ref errors, IdempotencyKeyHeader, $"The key must be 1 to {MaxIdempotencyKeyLength} printable ASCII characters, sent as a string (\"key\") or bare.");
        return null;
    }

    /// <summary>The longest <c>Idempotency-Key</c> (the OpenAPI document states the same).</summary>
    internal const int MaxIdempotencyKeyLength = 255;

    /// <summary>The key in a quoted structured-field string (escapes <c>\"</c> and <c>\\</c> only) or a bare value without spaces or quotes; null if neither.</summary>
    private static string? ParseIdempotencyKey(string raw)
    {
        if (raw.Length < 2 || raw[0] != '"')
        {
            return raw.AsSpan().ContainsAnyExceptInRange('!', '~') || raw.Contains('"', StringComparison.Ordinal) ? null : raw;
        }

        if (raw[^1] != '"')
        {
            return null;
        }

        var key = new System.Text.StringBuilder(raw.Length - 2);
        for (var i = 1; i < raw.Length - 1; i++)
        {
            var c = raw[i];
            if (c is < ' ' or > '~' || c == '"')
            {
                return null;
            }

            if (c == '\\')
            {
                if (++i == raw.Length - 1 || raw[i] is not ('"' or '\\'))
                {
                    return null;
                }

                c = raw[i];
            }

            key.Append(c);
        }

        return key.ToString();
    }

    /// <summary>
    /// A list request from <c>limit</c> (1–100, default 50), <c>cursor</c>, <c>sort</c> and <c>filter.{member}</c>.
    /// Sort and filter names are checked against the resource's allow-list by its store.
    /// </summary>
    public static SecureApi.Data.PageRequest Page(HttpContext context, ref ValidationErrors? errors)
    {
        var limit = Query(context, "limit", ref errors, required: false, fallback: SecureApi.Data.PageRequest.DefaultLimit);
        if (limit is < 1 or > SecureApi.Data.PageRequest.MaxLimit)
        {
            ValidationErrors.Add(ref errors, "limit", $"The limit must be between 1 and {SecureApi.Data.PageRequest.MaxLimit}.");
        }

        var cursor = Query<string>(context, "cursor", ref errors, required: false);
        var sort = Query<string>(context, "sort", ref errors, required: false);
        if (cursor is { Length: > 2048 } || sort is { Length: > 64 })
        {
            ValidationErrors.Add(ref errors, cursor is { Length: > 2048 } ? "cursor" : "sort", "The value is too long.");
        }
        else if (cursor is not null && !IsCursorShaped(cursor))
        {
            // Not something this service ever issued (a signed cursor is two base64url parts): malformed, not someone else's.
            ValidationErrors.Add(ref errors, "cursor", "The cursor is malformed: pass the previous page's nextCursor as it is.");
        }

        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in context.Request.Query)
        {
            if (key.StartsWith("filter.", StringComparison.Ordinal))
            {
                if (values.Count != 1 || values[0] is not { Length: > 0 and <= 1024 } value || value.Contains('\0', StringComparison.Ordinal))
                {
                    ValidationErrors.Add(ref errors, key, "A filter takes one value of at most 1024 characters, without NUL.");
                    continue;
                }

                filters[key["filter.".Length..]] = value;
            }
        }

        return new SecureApi.Data.PageRequest { Limit = limit, Cursor = cursor, Sort = sort, Filters = filters };
    }

    /// <summary>The shape of every cursor <c>CursorProtector</c> issues (the document's pattern): base64url, a dot, base64url.</summary>
    internal const string CursorPattern = "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$";

    private static bool IsCursorShaped(string cursor)
    {
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < cursor.Length - 1 && IsBase64Url(cursor.AsSpan(0, dot)) && IsBase64Url(cursor.AsSpan(dot + 1));
    }

    private static bool IsBase64Url(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(s_base64Url);

    private static readonly System.Buffers.SearchValues<char> s_base64Url =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private const string QueryValue = "query value";
    private const string HeaderValue = "header";

    /// <summary>
    /// The one value given for <paramref name="name"/>, or null when there is none (an error if <paramref name="required"/>)
    /// or more than one (always an error: refuse parameter pollution rather than pick one).
    /// </summary>
    private static string? Single(bool found, StringValues values, string name, string what, bool required, ref ValidationErrors? errors)
    {
        if (!found || values.Count == 0)
        {
            if (required)
            {
                ValidationErrors.Add(ref errors, name, $"The {what} is required.");
            }

            return null;
        }

        if (values.Count > 1)
        {
            ValidationErrors.Add(ref errors, name, $"The {what} must be given once.");
            return null;
        }

        return values[0] ?? "";
    }

    private static T? Parse<T>(string raw, string name, string what, T? fallback, ref ValidationErrors? errors)
        where T : IParsable<T>
    {
        if (raw.Length > MaxTextValueLength)
        {
            ValidationErrors.Add(ref errors, name, $"The {what} is longer than {MaxTextValueLength} characters.");
            return fallback;
        }

        if (!raw.Contains('\0', StringComparison.Ordinal) && T.TryParse(raw, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        ValidationErrors.Add(ref errors, name, $"The {what} is not a valid {Describe<T>()}.");
        return fallback;
    }

    private static T? ParseNullable<T>(string raw, string name, string what, ref ValidationErrors? errors)
        where T : struct, IParsable<T>
    {
        if (!raw.Contains('\0', StringComparison.Ordinal) && T.TryParse(raw, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        ValidationErrors.Add(ref errors, name, $"The {what} is not a valid {Describe<T>()}.");
        return null;
    }

    /// <summary>Names only: numeric strings would admit undefined values. Shared with list filters.</summary>
    internal static bool TryParseEnum<T>(string raw, out T value)
        where T : struct, Enum =>
        raw.Length > 0 && !char.IsAsciiDigit(raw[0]) && raw[0] != '-' &&
        Enum.TryParse(raw, ignoreCase: true, out value) && Enum.IsDefined(value)
        || Fail(out value);

    private static bool Fail<T>(out T value)
        where T : struct
    {
        value = default;
        return false;
    }

    private static string Describe<T>() => typeof(T) switch
    {
        var t when t == typeof(Guid) => "GUID",
        var t when t == typeof(int) || t == typeof(long) || t == typeof(short) => "integer",
        var t when t == typeof(decimal) || t == typeof(double) || t == typeof(float) => "number",
        var t when t == typeof(bool) => "boolean (true or false)",
        var t when t == typeof(DateTimeOffset) || t == typeof(DateTime) => "date and time (ISO 8601)",
        var t when t == typeof(DateOnly) => "date (yyyy-MM-dd)",
        _ => "value",
    };
}
