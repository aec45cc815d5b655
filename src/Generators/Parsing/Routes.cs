using System.Collections.Generic;
using System.Linq;

namespace SecureApi.Generators.Parsing;

/// <summary>Route templates: joining a prefix and a template, reading parameter names, and the shape two routes share.</summary>
internal static class Routes
{
    public static string Combine(string prefix, string template)
    {
        var head = "/" + prefix.Trim('/');
        var tail = template.Trim('/');
        return tail.Length == 0 ? head : head == "/" ? "/" + tail : head + "/" + tail;
    }

    /// <summary><c>/notes/{id:guid}/{*rest}</c> → <c>id</c>, <c>rest</c>.</summary>
    public static IReadOnlyList<string> ParameterNames(string route)
    {
        var names = new List<string>();
        var start = route.IndexOf('{');
        while (start >= 0)
        {
            var end = route.IndexOf('}', start);
            if (end < 0)
            {
                break;
            }

            var name = route.Substring(start + 1, end - start - 1).TrimStart('*');
            var cut = name.IndexOfAny([':', '=', '?']);
            names.Add(cut >= 0 ? name.Substring(0, cut) : name);
            start = route.IndexOf('{', end);
        }

        return names;
    }

    /// <summary>Routes that differ only in case, parameter names or constraints match the same requests: <c>/notes/{}</c>.</summary>
    public static string Normalize(string route)
    {
        var parts = route.ToLowerInvariant().Split('/').Select(p => p.StartsWith("{", System.StringComparison.Ordinal) ? "{}" : p);
        return string.Join("/", parts);
    }
}
