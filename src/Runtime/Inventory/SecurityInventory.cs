using System.Text.Json.Serialization;

namespace SecureApi.Inventory;

/// <summary>
/// The security inventory the generator writes at build time (schema version 2; version 1, without the AI guards, is
/// still read): every endpoint with what protects it, and every resource. Read by the <c>inventory</c> command to write
/// it out, render it and compare two of them.
/// </summary>
/// <param name="Environment">The environment the <c>inventory</c> command ran in; null in the generated file.</param>
/// <param name="FrameworkEndpoints">
/// The routes SecureApi maps from configuration (the OpenAPI document, its reference page, the security view), added
/// by the <c>inventory</c> command for <paramref name="Environment"/>; null in the generated file, which cannot know it.
/// </param>
/// <param name="OutputFilterPolicy">The output firewall's action per kind in that environment's configuration; null in the generated file.</param>
/// <param name="DatabaseSchema">The checked-in schema snapshot the service was built with; null when it has none.</param>
internal sealed record SecurityInventory(
    int SchemaVersion,
    string Assembly,
    IReadOnlyList<InventoryEndpoint> Endpoints,
    IReadOnlyList<InventoryResource> Resources,
    string? Environment = null,
    IReadOnlyList<InventoryFrameworkEndpoint>? FrameworkEndpoints = null,
    IReadOnlyList<InventoryOutputKind>? OutputFilterPolicy = null,
    InventoryDatabaseSchema? DatabaseSchema = null)
{
    public const int CurrentSchemaVersion = 2;

    /// <summary>The oldest version read: 1 has no AI-guard members, which then read as empty.</summary>
    public const int OldestSchemaVersion = 1;

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
/// <param name="UntrustedText">The request members screened as untrusted text, and what a hit does (version 2).</param>
/// <param name="OutputFilter">Whether the output firewall filters the response, and why (version 2).</param>
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
    IReadOnlyList<InventorySuppression> SuppressedDiagnostics,
    IReadOnlyList<InventoryUntrustedMember>? UntrustedText = null,
    InventoryOutputFilter? OutputFilter = null)
{
    /// <summary><c>GET /notes/{id}</c>: how endpoints are matched between two inventories and named to a reader.</summary>
    [JsonIgnore]
    public string Key => Method + " " + Route;

    [JsonIgnore]
    public bool UsesAdminStore => Stores.Any(static s => s.Scope == InventoryStore.Admin);

    /// <summary>What the AI guards do here, in words: screened members, then the output firewall.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> AiGuards
    {
        get
        {
            var guards = (UntrustedText ?? []).Select(static m => "screens " + m).ToList();
            if (OutputFilter?.Describe() is { } filter)
            {
                guards.Add(filter);
            }

            return guards;
        }
    }
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

/// <param name="FilteredMembers">The <c>[FilterOutput]</c> members: read through the output firewall wherever written (version 2).</param>
/// <param name="UntrustedMembers">The <c>[UntrustedText]</c> members, screened on every generated write (version 2).</param>
internal sealed record InventoryResource(
    string Name,
    string Type,
    string Table,
    string Key,
    string? Owner,
    string? Tenant,
    IReadOnlyList<string> SensitiveMembers,
    IReadOnlyList<string> EncryptedMembers,
    IReadOnlyList<string>? FilteredMembers = null,
    IReadOnlyList<InventoryUntrustedMember>? UntrustedMembers = null);

/// <param name="Mode"><c>reject</c> (422) or <c>quarantine</c> (stored, flagged, withheld from other readers).</param>
internal sealed record InventoryUntrustedMember(string Member, string Mode)
{
    public const string Quarantine = "quarantine";

    /// <summary><c>title (quarantine)</c>.</summary>
    public override string ToString() => Member + " (" + Mode + ")";
}

/// <param name="Runs">Whether the response passes through the output firewall.</param>
/// <param name="Reason"><c>declared</c> (<c>[FilterOutput]</c>) or <c>chatClient</c> (on by default: the endpoint uses an <c>IChatClient</c>); null when it does not run.</param>
internal sealed record InventoryOutputFilter(bool Runs, string? Reason)
{
    /// <summary><c>output firewall ([FilterOutput])</c>, <c>output firewall (uses an IChatClient)</c>; null when it does not run.</summary>
    public string? Describe() => !Runs ? null : "output firewall (" + (Reason == "chatClient" ? "by default: uses an IChatClient" : "[FilterOutput]") + ")";
}

/// <param name="Kind">An output kind id (<c>email</c>, <c>private-key</c>…).</param>
/// <param name="Action"><c>redact</c>, <c>refuse</c> or <c>allow</c>.</param>
internal sealed record InventoryOutputKind(string Kind, string Action);

/// <summary>The database schema a service was built for: its checked-in snapshot and the version it records.</summary>
internal sealed record InventoryDatabaseSchema(string Snapshot, int Version)
{
    /// <summary><c>database schema version 2 (secureapi.schema.json)</c>.</summary>
    [JsonIgnore]
    public string Description => $"database schema version {Version} ({Snapshot})";
}
