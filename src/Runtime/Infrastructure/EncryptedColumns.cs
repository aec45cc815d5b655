using System.ComponentModel;

namespace SecureApi.Infrastructure;

/// <summary>
/// A resource's <c>[Encrypted]</c> columns, as the re-encryption job needs them: the Guid key column it walks in
/// order, the owner column the associated data binds to (null when unowned), and the generated associated-data
/// function (column, owner, key) the stores use, so the job seals exactly what they would.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EncryptedColumns(string keyColumn, string? ownerColumn, IReadOnlyList<string> columns, Func<string, string?, string, string> associatedData)
{
    public string KeyColumn { get; } = keyColumn;

    public string? OwnerColumn { get; } = ownerColumn;

    public IReadOnlyList<string> Columns { get; } = columns;

    public Func<string, string?, string, string> AssociatedData { get; } = associatedData;
}
