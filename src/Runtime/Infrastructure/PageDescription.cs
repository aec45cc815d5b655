using System.ComponentModel;

namespace SecureApi.Infrastructure;

/// <summary>A <c>PageRequest</c>'s parameters: <c>sort</c> from the sortable members, <c>filter.{member}</c> for each filterable one.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PageDescription
{
    /// <summary>JSON names of the sortable members; empty when the allow-list is not known (a hand-written list).</summary>
    public IReadOnlyList<string> Sortable { get; init; } = [];

    /// <summary>The filterable members, by JSON name, with the schema of the value.</summary>
    public IReadOnlyList<PropertyDescription> Filterable { get; init; } = [];

    /// <summary>The allow-lists are known: sort and filter names outside them are refused with 400.</summary>
    public bool AllowListsKnown { get; init; }
}
