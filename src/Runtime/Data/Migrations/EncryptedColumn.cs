namespace SecureApi.Data.Migrations;

/// <summary>One <c>[Encrypted]</c> column of one resource table, with what sealing its values needs.</summary>
internal sealed record EncryptedColumn(string Table, string KeyColumn, string? OwnerColumn, string Column, Func<string, string?, string, string> AssociatedData)
{
    public string Name => Table + "." + Column;

    /// <summary>Every encrypted column the generated resources registered.</summary>
    public static IReadOnlyList<EncryptedColumn> Declared() =>
    [
        .. Infrastructure.ResourceRegistry.Snapshot()
            .Where(r => r.EncryptedColumns is not null)
            .SelectMany(r => r.EncryptedColumns!.Columns.Select(c => new EncryptedColumn(r.Table, r.EncryptedColumns.KeyColumn, r.EncryptedColumns.OwnerColumn, c, r.EncryptedColumns.AssociatedData))),
    ];
}
