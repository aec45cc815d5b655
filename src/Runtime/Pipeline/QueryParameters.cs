using Microsoft.AspNetCore.Http;
using SecureApi.Infrastructure;

namespace SecureApi.Pipeline;

/// <summary>
/// Query parameters an endpoint does not declare are refused like unknown JSON members: a client that sends
/// <c>?fields=passwordHash</c> learns at once that nothing listens, instead of believing it was honoured.
/// </summary>
internal static class QueryParameters
{
    private static readonly string[] s_pageParameters = ["limit", "cursor", "sort"];

    public static bool HasUnknown(HttpContext context, string[] declared, bool acceptsPage, out ValidationErrors unknown)
    {
        unknown = null!;
        if (!context.Request.QueryString.HasValue)
        {
            return false;
        }

        ValidationErrors? errors = null;
        foreach (var name in context.Request.Query.Keys)
        {
            if (!IsDeclared(name, declared, acceptsPage))
            {
                ValidationErrors.Add(ref errors, name, "The query parameter is not known to this endpoint.");
            }
        }

        unknown = errors!;
        return errors is not null;
    }

    /// <summary>Case-insensitive, as binding is: <c>?Kind=</c> binds <c>kind</c>.</summary>
    private static bool IsDeclared(string name, string[] declared, bool acceptsPage) =>
        Contains(declared, name) ||
        acceptsPage && (Contains(s_pageParameters, name) || name.StartsWith("filter.", StringComparison.OrdinalIgnoreCase));

    private static bool Contains(string[] names, string name)
    {
        foreach (var candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
