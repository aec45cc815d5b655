using System.ComponentModel;

namespace SecureApi.Data.Migrations;

/// <summary>A resource's table as declared in code, emitted by the generator: what the migration compares with the database catalog.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ResourceSchema
{
    /// <summary>The resource type's name, for messages.</summary>
    public required string Resource { get; init; }

    public required string Table { get; init; }

    /// <summary>In declaration order; <c>[Retired]</c> members included (their columns stay).</summary>
    public required IReadOnlyList<ColumnSchema> Columns { get; init; }

    public IReadOnlyList<IndexSchema> Indexes { get; init; } = [];

    /// <summary>The resource's <c>[MigrationStep]</c>s.</summary>
    public IReadOnlyList<HandWrittenStep> Steps { get; init; } = [];
}
