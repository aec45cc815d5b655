namespace SecureApi;

/// <summary>
/// A stored type: the generator emits its table, its SQL for SQLite and PostgreSQL, a caller-scoped store
/// (<c>{Type}Store</c>) and a role-gated unscoped one (<c>{Type}AdminStore</c>). Mark the key with
/// <c>[Key]</c> and, optionally, a <c>long</c> version with <c>[ConcurrencyCheck]</c> (System.ComponentModel.DataAnnotations).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ResourceAttribute(string table) : Attribute
{
    public string Table { get; } = table;

    /// <summary>
    /// Every authenticated caller may read and write every row. Required (as an explicit opt-in) for a resource with
    /// neither <see cref="OwnerAttribute"/> nor <see cref="TenantAttribute"/>; SAPI035 otherwise.
    /// </summary>
    public bool Shared { get; set; }
}
