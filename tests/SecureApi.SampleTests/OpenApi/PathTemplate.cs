namespace SecureApi.SampleTests.OpenApi;

/// <summary>An OpenAPI path template such as <c>/notes/{id}</c>: each <c>{name}</c> matches one non-empty segment.</summary>
public sealed class PathTemplate
{
    private readonly string[] _segments;

    public PathTemplate(string template)
    {
        Text = template;
        _segments = Split(template);
    }

    public string Text { get; }

    /// <summary>How many segments are literal; the more, the more specific (<c>/audit/verify</c> before <c>/audit/{id}</c>).</summary>
    public int LiteralSegments => _segments.Count(s => !IsParameter(s));

    public IEnumerable<string> ParameterNames => _segments.Where(IsParameter).Select(s => s[1..^1]);

    /// <summary>Whether the (unescaped or escaped) request path <paramref name="path"/>, without its query, is an instance of the template.</summary>
    public bool Matches(string path)
    {
        var segments = Split(path);
        return segments.Length == _segments.Length
            && segments.Zip(_segments).All(pair => IsParameter(pair.Second)
                ? pair.First.Length > 0
                : string.Equals(Uri.UnescapeDataString(pair.First), pair.Second, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The template with each parameter replaced by its (escaped) value.</summary>
    public string Fill(IReadOnlyDictionary<string, string> values) =>
        "/" + string.Join('/', _segments.Select(s => IsParameter(s) ? Uri.EscapeDataString(values[s[1..^1]]) : s));

    public override string ToString() => Text;

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    private static string[] Split(string path) => path.Trim('/').Length == 0 ? [] : path.Trim('/').Split('/');
}
