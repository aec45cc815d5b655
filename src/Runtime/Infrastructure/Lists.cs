using System.ComponentModel;
using System.Globalization;
using SecureApi.Data;

namespace SecureApi.Infrastructure;

/// <summary>
/// The list mechanics generated stores share: checking sort and filter names against the resource's allow-list,
/// parsing filter values, and opening signed keyset cursors.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Lists
{
    /// <summary>The page size, held to 1–<see cref="PageRequest.MaxLimit"/> whoever built the request.</summary>
    public static int Limit(PageRequest request) => Math.Clamp(request.Limit, 1, PageRequest.MaxLimit);

    /// <summary>The requested sort member (or null for key order) and direction; anything not in <paramref name="sortable"/> is a 400.</summary>
    public static (string? Member, bool Descending) Sort(PageRequest request, IReadOnlyList<string> sortable)
    {
        if (string.IsNullOrEmpty(request.Sort))
        {
            return (null, false);
        }

        var descending = request.Sort[0] == '-';
        var member = descending ? request.Sort[1..] : request.Sort;
        return sortable.Contains(member)
            ? (member, descending)
            : throw new InvalidListRequestException("sort", sortable.Count == 0
                ? "This list cannot be sorted."
                : $"Sort by one of: {string.Join(", ", sortable)} (prefix '-' for descending).");
    }

    public static void CheckFilters(PageRequest request, IReadOnlyList<string> filterable)
    {
        foreach (var name in request.Filters.Keys)
        {
            if (!filterable.Contains(name))
            {
                throw new InvalidListRequestException("filter." + name, filterable.Count == 0
                    ? "This list cannot be filtered."
                    : $"Filter on one of: {string.Join(", ", filterable)}.");
            }
        }
    }

    /// <summary>The filter value for <paramref name="member"/>, parsed, or null when absent.</summary>
    public static object? Filter<T>(PageRequest request, string member)
        where T : IParsable<T>
    {
        if (!request.Filters.TryGetValue(member, out var raw))
        {
            return null;
        }

        return T.TryParse(raw, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidListRequestException("filter." + member, "The filter value is not valid for this member.");
    }

    public static object? FilterEnum<T>(PageRequest request, string member)
        where T : struct, Enum
    {
        if (!request.Filters.TryGetValue(member, out var raw))
        {
            return null;
        }

        return RequestBinding.TryParseEnum<T>(raw, out var value)
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : throw new InvalidListRequestException("filter." + member, "The filter value is not a defined name.");
    }

    /// <summary>What a cursor is bound to: the list, the caller's scope, the sort and the filters.</summary>
    public static string Scope(string table, string? owner, string? tenant, PageRequest request, string? sort, bool descending)
    {
        var filters = string.Join("&", request.Filters.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value));
        return string.Join("\n", table, owner ?? "", tenant ?? "", sort ?? "", descending ? "desc" : "asc", filters);
    }

    /// <summary>The (key, sort value) a page continues after, or null for the first page; a cursor for another scope is a 404.</summary>
    public static (string Key, string Sort)? OpenCursor(CursorProtector protector, PageRequest request, string scope)
    {
        if (request.Cursor is null)
        {
            return null;
        }

        var payload = protector.Unprotect(request.Cursor, scope) ?? throw new ForeignCursorException();
        var separator = payload.IndexOf('\n', StringComparison.Ordinal);
        return separator < 0 ? throw new ForeignCursorException() : (payload[..separator], payload[(separator + 1)..]);
    }

    public static string CloseCursor(CursorProtector protector, string scope, string key, string sort) =>
        protector.Protect(key + "\n" + sort, scope);

    public static string Text(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string Text<T>(T value)
        where T : IFormattable => InvariantText.Of(value);

    public static T Parse<T>(string text)
        where T : IParsable<T> => T.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : throw new ForeignCursorException();
}
