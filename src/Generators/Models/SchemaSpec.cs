namespace SecureApi.Generators.Models;

/// <summary>
/// A database schema as the checked-in snapshot (<c>secureapi.schema.json</c>) records it: every resource's table and
/// columns. Built from the declared resources, and read back from the snapshot file, so the two compare by value.
/// Like every model, it holds only strings, numbers, bools and <see cref="EquatableArray{T}"/>s: no symbol, syntax or
/// location, so it caches across compilations. Tables are in ordinal order of their names, columns likewise.
/// </summary>
internal sealed record SchemaSpec(EquatableArray<TableSchemaSpec> Tables);

/// <summary>One resource's table.</summary>
/// <param name="Resource">The resource type's name (<c>Note</c>), for messages; the table name is what identifies it.</param>
internal sealed record TableSchemaSpec(string Table, string Resource, EquatableArray<ColumnSchemaSpec> Columns);

/// <summary>One column, with everything a migration must respect.</summary>
/// <param name="Kind">The storage kind in camel case (<c>string</c>, <c>int64</c>, <c>dateTimeOffset</c>...).</param>
/// <param name="MaxLength">The declared maximum length (<c>[MaxLength]</c>, <c>[StringLength]</c>, <c>[Length]</c>); null when unlimited.</param>
/// <param name="RenamedFrom">The previous column name its <c>[RenamedFrom]</c> declares, so the declaration stays valid once the snapshot has the new name.</param>
internal sealed record ColumnSchemaSpec(
    string Name,
    string Member,
    string Kind,
    bool Nullable,
    bool Key,
    bool Encrypted,
    int? MaxLength,
    bool Sortable,
    bool Filterable,
    bool Retired,
    string? RenamedFrom);

/// <summary>The checked-in snapshot as read from AdditionalFiles.</summary>
/// <param name="Path">The file's path, for diagnostics that point at it.</param>
/// <param name="Schema">What it records; null when it cannot be read (<paramref name="Error"/> says why).</param>
internal sealed record SchemaSnapshotFile(string Path, int Version, SchemaSpec? Schema, string? Error);

/// <summary>What the schema diagnostics need from a <c>[Resource]</c> type beyond its <see cref="ResourceSpec"/>: where it and its members are declared.</summary>
internal sealed record ResourceSchemaMembers(string FullyQualifiedName, string Table, LocationInfo? Location, EquatableArray<SchemaMemberLocation> Members);

/// <summary>Where one member is declared, so a schema diagnostic points at it.</summary>
internal sealed record SchemaMemberLocation(string PropertyName, LocationInfo? Location);
