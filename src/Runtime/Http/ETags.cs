using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Http;

/// <summary>Strong ETags carrying a resource's concurrency version: <c>ETag: "3"</c> out, <c>If-Match: "3"</c> in.</summary>
public static class ETags
{
    public static void Set(HttpContext context, long version) =>
        context.Response.Headers.ETag = "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The version an <c>If-Match</c> names, or null when it is absent or not one of ours (weak tags and <c>*</c> included).</summary>
    public static long? IfMatch(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch;
        if (header.Count != 1 || header[0] is not { Length: > 2 } value || value[0] != '"' || value[^1] != '"')
        {
            return null;
        }

        return long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
    }
}
