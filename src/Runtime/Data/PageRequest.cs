namespace SecureApi.Data;

/// <summary>
/// How a client pages, sorts and filters a list: <c>?limit=20&amp;sort=-createdAt&amp;cursor=…&amp;filter.title=x</c>.
/// Sort and filter names are checked against the resource's allow-list in generated code.
/// </summary>
public sealed class PageRequest
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public int Limit { get; init; } = DefaultLimit;

    public string? Cursor { get; init; }

    /// <summary>A sortable member's JSON name, <c>-</c> first for descending; null for key order.</summary>
    public string? Sort { get; init; }

    /// <summary>Equality filters by member JSON name; raw text, parsed by the generated store.</summary>
    public IReadOnlyDictionary<string, string> Filters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
