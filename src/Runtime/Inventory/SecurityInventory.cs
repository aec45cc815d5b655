using System.Text.Json.Serialization;

namespace SecureApi.Inventory;

/// <summary>
/// The security inventory the generator writes at build time (schema version 1): every endpoint with what protects it,
/// and every resource. Read by the <c>inventory</c> command to write it out, render it and compare two of them.
/// </summary>
internal sealed record SecurityInventory(int SchemaVersion, string Assembly, IReadOnlyList<InventoryEndpoint> Endpoints, IReadOnlyList<InventoryResource> Resources)
{
    public const int CurrentSchemaVersion = 1;
}

/// <summary>One endpoint.</summary>
/// <param name="Roles">Role requirements: each inner list is one requirement of which any role will do; all must hold.</param>
/// <param name="Scopes">Scope requirements, in the same shape as <paramref name="Roles"/>.</param>
/// <param name="ClientKinds">The client kinds admitted; empty: any.</param>
/// <param name="Stores">The resources the endpoint reaches and through which store.</param>
/// <param name="MaxBodyBytes">The endpoint's own body cap; null: the service's default.</param>
/// <param name="ResponseMembers">The JSON members of the object the endpoint returns (sensitive members are never among them).</param>
/// <param name="SensitiveMembers">The <c>[Sensitive]</c> members of the resources it reaches (<c>Note.moderationFlag</c>).</param>
/// <param name="EncryptedMembers">The <c>[Encrypted]</c> members of the resources it reaches.</param>
internal sealed record InventoryEndpoint(
    string Method,
    string Route,
    string Name,
    string Tag,
    string Handler,
    bool Anonymous,
    IReadOnlyList<string> AuthenticationSchemes,
    IReadOnlyList<IReadOnlyList<string>> Roles,
    IReadOnlyList<IReadOnlyList<string>> Scopes,
    IReadOnlyList<string> ClientKinds,
    IReadOnlyList<string> Policies,
    IReadOnlyList<InventoryStore> Stores,
    InventoryRateLimit RateLimit,
    long? MaxBodyBytes,
    bool ExemptFromLoadShedding,
    bool AllowUnknownQuery,
    IReadOnlyList<InventoryParameter> Parameters,
    IReadOnlyList<InventoryValidation> Validation,
    string? Response,
    IReadOnlyList<string> ResponseMembers,
    IReadOnlyList<string> SensitiveMembers,
    IReadOnlyList<string> EncryptedMembers,
    IReadOnlyList<InventorySuppression> SuppressedDiagnostics)
{
    /// <summary><c>GET /notes/{id}</c>: how endpoints are matched between two inventories and named to a reader.</summary>
    [JsonIgnore]
    public string Key => Method + " " + Route;

    [JsonIgnore]
    public bool UsesAdminStore => Stores.Any(static s => s.Scope == InventoryStore.Admin);
}

/// <param name="Scope"><c>owner</c>, <c>tenant</c> or <c>admin</c> (every row, behind a role).</param>
internal sealed record InventoryStore(string Resource, string Scope)
{
    public const string Admin = "admin";
}

/// <param name="Policy">The rate-limit policy (<c>default</c> when none is named); null when <paramref name="Disabled"/>.</param>
internal sealed record InventoryRateLimit(string? Policy, bool Disabled);

/// <param name="In"><c>route</c>, <c>query</c>, <c>header</c>, <c>body</c> or <c>page</c>.</param>
internal sealed record InventoryParameter(string Name, string In, string Type);

internal sealed record InventoryValidation(string Member, IReadOnlyList<string> Rules);

/// <param name="Via"><c>pragma</c>, <c>SuppressMessage</c>, <c>NoWarn</c>, <c>editorconfig</c> or <c>globalconfig</c>.</param>
internal sealed record InventorySuppression(string Id, string Via, string? Justification);

internal sealed record InventoryResource(
    string Name,
    string Type,
    string Table,
    string Key,
    string? Owner,
    string? Tenant,
    IReadOnlyList<string> SensitiveMembers,
    IReadOnlyList<string> EncryptedMembers);
