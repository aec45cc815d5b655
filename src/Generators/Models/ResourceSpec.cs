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
    /// <summary><c>[Retired]</c> members: their columns stay (optional) but the stores neither read nor write them.</summary>
    public EquatableArray<ColumnSpec> RetiredColumns { get; init; } = EquatableArray<ColumnSpec>.Empty;

    /// <summary>The resource's <c>[MigrationStep]</c>s, checked.</summary>
    public EquatableArray<MigrationStepSpec> MigrationSteps { get; init; } = EquatableArray<MigrationStepSpec>.Empty;

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

    /// <summary>The column's previous name, from <c>[RenamedFrom]</c>: the migration renames it.</summary>
    public string? RenamedFrom { get; init; }

    /// <summary><c>[Retired]</c>: the column stays (optional) but is no longer read, written or exposed.</summary>
    public bool Retired { get; init; }

    /// <summary>From <c>[MaxLength]</c>/<c>[StringLength]</c> on a plain string member: the column's declared length.</summary>
    public int? MaxLength { get; init; }

    /// <summary>A SQL literal from <c>[DefaultValue]</c> (both engines read it alike): what existing rows get when the member is added.</summary>
    public string? DefaultSql { get; init; }

    /// <summary>Set from a request (create/update): everything but key, owner, tenant, version and server-set stamps.</summary>
    public bool IsClientData => Role == ColumnRole.Data;
}

/// <summary>A <c>[MigrationStep]</c>: constant SQL per engine, and what it prepares.</summary>
internal sealed record MigrationStepSpec(string Id, string Sqlite, string PostgreSql, string? Member, string? Table);
