namespace SecureApi.Generators.Models;

/// <summary>How a SecureApi diagnostic is kept from being reported where an endpoint is declared.</summary>
internal enum SuppressionKind
{
    /// <summary><c>#pragma warning disable</c> around the declaration.</summary>
    Pragma,

    /// <summary><c>[SuppressMessage]</c> on the method, its class, or the assembly with the method as target.</summary>
    SuppressMessage,

    /// <summary><c>&lt;NoWarn&gt;</c> (or <c>/nowarn</c>): the whole project.</summary>
    NoWarn,

    /// <summary><c>dotnet_diagnostic.ID.severity = none</c> in an .editorconfig that covers the file.</summary>
    EditorConfig,

    /// <summary>The same in a global analyzer config: the whole project.</summary>
    GlobalConfig,
}

/// <summary>One diagnostic suppressed on an endpoint, and why (a pragma's comment or the attribute's justification).</summary>
internal sealed record SuppressionSpec(string Id, SuppressionKind Kind, string? Justification);

/// <summary>Which rows of a resource a store lets an endpoint reach.</summary>
internal enum StoreScope
{
    /// <summary>The owner-scoped store of a resource with an owner: the caller's own rows.</summary>
    Owner,

    /// <summary>The same store of a resource with a tenant: the caller's tenant's rows.</summary>
    Tenant,

    /// <summary>The admin store: every row, only behind a role (SAPI011).</summary>
    Admin,
}

/// <summary>A resource an endpoint reaches, and through which store.</summary>
/// <param name="Resource">The resource's fully qualified name (no <c>global::</c>).</param>
internal sealed record StoreUse(string Resource, StoreScope Scope);

/// <summary>What the inventory needs from the compilation itself: its name and the diagnostics the whole project silences.</summary>
internal sealed record ProjectFacts(string Assembly, EquatableArray<SuppressionSpec> Suppressions);
