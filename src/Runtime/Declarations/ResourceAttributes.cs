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

/// <summary>The caller's subject owns the row: every store operation filters on it; it is set from the caller, never from a request.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class OwnerAttribute : Attribute;

/// <summary>The caller's tenant scopes the row, like <see cref="OwnerAttribute"/> but from the <c>tenant</c> claim.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class TenantAttribute : Attribute;

/// <summary>Set by the store, never by a request: a <c>DateTimeOffset</c> stamped on insert (and on every update when <see cref="OnUpdate"/>).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ServerSetAttribute : Attribute
{
    public bool OnUpdate { get; set; }
}

/// <summary>Stored but never written to a response: the generated JSON metadata leaves it out.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SensitiveAttribute : Attribute;

/// <summary>A string stored encrypted (AES-256-GCM, key id beside the ciphertext); decrypted only for the owner.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class EncryptedAttribute : Attribute;

/// <summary>Lists may be sorted by this member (<c>?sort=title</c>, <c>?sort=-title</c>).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SortableAttribute : Attribute;

/// <summary>Lists may be filtered on this member by equality (<c>?filter.title=x</c>).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class FilterableAttribute : Attribute;

/// <summary>Opts a <c>long</c> key into database-assigned sequential values. Without it keys are time-ordered UUIDs (v7), which cannot be guessed.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SequentialKeyAttribute : Attribute;
