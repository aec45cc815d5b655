using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace SecureApi.Infrastructure;

/// <summary>
/// Collects every problem with a request before answering, keyed by the JSON path of the member
/// (<c>title</c>, <c>items[2].name</c>) or by the parameter name for route and query values.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ValidationErrors
{
    private Dictionary<string, List<string>>? _errors;

    public bool HasErrors => _errors is { Count: > 0 };

    /// <summary>The member paths and parameter names that have errors, in the order they were first added.</summary>
    internal IEnumerable<string> Keys => _errors?.Keys ?? Enumerable.Empty<string>();

    /// <summary>
    /// Adds to <paramref name="errors"/>, creating it on the first error: a valid request allocates no error collection.
    /// </summary>
    public static void Add([NotNull] ref ValidationErrors? errors, string key, string message)
    {
        errors ??= new ValidationErrors();
        errors.Add(key, message);
    }

    public void Add(string key, string message)
    {
        _errors ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!_errors.TryGetValue(key, out var messages))
        {
            messages = [];
            _errors.Add(key, messages);
        }

        messages.Add(message);
    }

    /// <summary>The errors in the shape of <c>HttpValidationProblemDetails.Errors</c>.</summary>
    public Dictionary<string, string[]> ToDictionary()
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (_errors is not null)
        {
            foreach (var (key, messages) in _errors)
            {
                result.Add(key, [.. messages]);
            }
        }

        return result;
    }

    /// <summary>Joins a parent path and a member name: <c>("", "title")</c> → <c>title</c>, <c>("items[0]", "name")</c> → <c>items[0].name</c>.</summary>
    public static string Member(string path, string name) => path.Length == 0 ? name : string.Concat(path, ".", name);

    /// <summary>The path of a collection element: <c>("items", 2)</c> → <c>items[2]</c>.</summary>
    public static string Element(string path, int index) => string.Concat(path, "[", index.ToString(System.Globalization.CultureInfo.InvariantCulture), "]");
}
