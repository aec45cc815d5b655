using SecureApi.Generators.Models;

namespace SecureApi.Generators.Resolving;

/// <summary>The snapshot's version numbers: the recorded one, and the one its update writes.</summary>
internal static class SchemaVersions
{
    /// <summary>1 for a first snapshot; the recorded version while the schema matches it; one more once it differs.</summary>
    public static int Next(SchemaSnapshotFile? snapshot, SchemaSpec declared) =>
        snapshot is null ? 1
        : snapshot.Schema is { } recorded && recorded.Equals(declared) ? snapshot.Version
        : snapshot.Version + 1;
}
