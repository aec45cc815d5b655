using System.Text.Json.Serialization;

namespace SecureApi.Inventory;

/// <summary>
/// The security inventory the generator writes at build time (schema version 1): every endpoint with what protects it,
/// and every resource. Read by the <c>inventory</c> command to write it out, render it and compare two of them.
/// </summary>
/// <param name="Environment">The environment the <c>inventory</c> command ran in; null in the generated file.</param>
/// <param name="FrameworkEndpoints">
/// The routes SecureApi maps from configuration (the OpenAPI document, its reference page, the security view), added
/// by the <c>inventory</c> command for <paramref name="Environment"/>; null in the generated file, which cannot know it.
/// </param>
internal sealed record SecurityInventory(
    int SchemaVersion,
    string Assembly,
    IReadOnlyList<InventoryEndpoint> Endpoints,
    IReadOnlyList<InventoryResource> Resources,
    string? Environment = null,
    IReadOnlyList<InventoryFrameworkEndpoint>? FrameworkEndpoints = null)
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>What a reviewer looks at first (both views list them at the top): endpoints reachable without credentials.</summary>
    [JsonIgnore]
    public IReadOnlyList<InventoryEndpoint> AnonymousEndpoints => [.. Endpoints.Where(static e => e.Anonymous)];

    /// <summary>Endpoints that reach an admin store: every owner's rows, behind a role.</summary>
    [JsonIgnore]
    public IReadOnlyList<InventoryEndpoint> AdminStoreEndpoints => [.. Endpoints.Where(static e => e.UsesAdminStore)];

    /// <summary>Endpoints declared <c>[DisableRateLimiting]</c>.</summary>
    [JsonIgnore]
    public IReadOnlyList<InventoryEndpoint> RateLimitOptOuts => [.. Endpoints.Where(static e => e.RateLimit.Disabled)];

    /// <summary>Endpoints on which a SecureApi diagnostic is silenced.</summary>
    [JsonIgnore]
    public IReadOnlyList<InventoryEndpoint> SuppressedEndpoints => [.. Endpoints.Where(static e => e.SuppressedDiagnostics.Count > 0)];

    /// <summary>The framework's routes served in this environment although it is not Development: docs or admin pages in production.</summary>
    [JsonIgnore]
    public IReadOnlyList<InventoryFrameworkEndpoint> ServedOutsideDevelopment =>
        IsOutsideDevelopment ? [.. (FrameworkEndpoints ?? []).Where(static e => e.Served)] : [];

    /// <summary>Written by the command in an environment other than Development (the generated file has none).</summary>
    [JsonIgnore]
    public bool IsOutsideDevelopment => Environment is not null && !string.Equals(Environment, "Development", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A route SecureApi maps itself when configuration (or the environment) says so.</summary>
/// <param name="What">What it serves: <c>OpenAPI document</c>, <c>security view data</c>…</param>
/// <param name="Category"><c>documentation</c> or <c>admin</c>.</param>
/// <param name="Served">Whether it is mapped in the inventory's environment.</param>
/// <param name="Why">The setting and environment that decide it: <c>SecureApi:OpenApi:Enabled unset: Development only; environment Production</c>.</param>
/// <param name="Role">The role a caller needs; null when <paramref name="Anonymous"/>.</param>
/// <param name="ClientKinds">The client kinds admitted; empty: any.</param>
internal sealed record InventoryFrameworkEndpoint(
    string Method,
    string Route,
    string What,
    string Category,
    bool Served,
    string Why,
    bool Anonymous,
    string? Role,
    IReadOnlyList<string> ClientKinds)
{
    public const string Documentation = "documentation";
    public const string Admin = "admin";

    [JsonIgnore]
    public string Key => Method + " " + Route;

    /// <summary><c>anonymous</c>, or <c>role admin · client User</c>.</summary>
    [JsonIgnore]
    public string Access => Anonymous ? "anonymous"
        : string.Join(" · ", new[] { Role is null ? "authenticated" : "role " + Role }.Concat(ClientKinds.Count == 0 ? [] : ["client " + string.Join(" or ", ClientKinds)]));
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
