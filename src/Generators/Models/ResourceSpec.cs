namespace SecureApi.Generators.Models;

/// <summary>A <c>[Resource]</c> type: its table and columns, from which stores and SQL are emitted.</summary>
internal sealed record ResourceSpec(
    string Namespace,
    string TypeName,
    string FullyQualifiedName,
    string Table,
    bool SequentialKey,
    EquatableArray<ColumnSpec> Columns,
    EquatableArray<string> ConstructorParameters,
    EquatableArray<string> TrimSuppressions)
{
    public ColumnSpec Key => Find(ColumnRole.Key)!;

    public ColumnSpec? Owner => Find(ColumnRole.Owner);

    public ColumnSpec? Tenant => Find(ColumnRole.Tenant);

    public ColumnSpec? Version => Find(ColumnRole.Version);

    public string StoreName => TypeName + "Store";

    /// <summary>Whether a member is <c>[UntrustedText(UntrustedTextMode.Quarantine)]</c>: reads then record what the reader may not see of it.</summary>
    public bool HasQuarantinedMembers
    {
        get
        {
            foreach (var column in Columns)
            {
                if (column.UntrustedText == UntrustedTextModeSpec.Quarantine)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public string AdminStoreName => TypeName + "AdminStore";

    private ColumnSpec? Find(ColumnRole role)
    {
        foreach (var column in Columns)
        {
            if (column.Role == role)
            {
                return column;
            }
        }

        return null;
    }
}

internal enum ColumnRole
{
    Data,
    Key,
    Owner,
    Tenant,
    Version,
    CreatedAt,
    UpdatedAt,
}

/// <summary>The storage kinds a member maps to; each has a SQL type per engine and a <c>DbType</c>.</summary>
internal enum ColumnKind
{
    Guid,
    String,
    Int32,
    Int64,
    Boolean,
    Double,
    Decimal,
    DateTimeOffset,
    Enum,
}

internal sealed record ColumnSpec(
    string PropertyName,
    string JsonName,
    string Column,
    string TypeName,
    string UnderlyingTypeName,
    ColumnKind Kind,
    bool IsNullable,
    ColumnRole Role,
    bool Encrypted,
    bool Sensitive,
    bool Sortable,
    bool Filterable)
{
    /// <summary>What the member's <c>[UntrustedText]</c> asks for: requests that set it are screened first.</summary>
    public UntrustedTextModeSpec UntrustedText { get; init; }

    /// <summary>A string member declared <c>[FilterOutput]</c>: read through the output firewall wherever it is written (the security inventory lists it).</summary>
    public bool FilterOutput { get; init; }

    /// <summary>Set from a request (create/update): everything but key, owner, tenant, version and server-set stamps.</summary>
    public bool IsClientData => Role == ColumnRole.Data;
}
