using System.ComponentModel;

namespace SecureApi.Data.Migrations;

/// <summary>A declared index: the caller's scope, and one per sortable member.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class IndexSchema
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Columns { get; init; }
}
