using Microsoft.AspNetCore.Authorization;

namespace SecureApi.TestService;

/// <summary>Shows how <see cref="Caller"/> read the request's principal; null (404) when it is not a caller at all.</summary>
[Endpoints("/caller"), AllowAnonymous]
public sealed partial class CallerApi
{
    [Get("")]
    public static CallerView? Describe(Caller? caller) =>
        caller is null ? null : new(caller.Subject, caller.Tenant, [.. caller.Roles], [.. caller.Scopes], caller.ClientKind, caller.Actor);
}

/// <summary>Endpoints that require scopes, client kinds and roles, checked against the <see cref="Caller"/>.</summary>
[Endpoints("/guarded")]
public sealed partial class GuardedApi
{
    [Get("/scope"), RequireScope("widgets:read", "widgets:admin")]
    public static string Scope(Caller caller) => caller.Subject;

    [Get("/two-scopes"), RequireScope("widgets:read"), RequireScope("widgets:export")]
    public static string TwoScopes(Caller caller) => caller.Subject;

    [Get("/agents"), RequireClientKind(ClientKind.Agent)]
    public static string Agents(Caller caller) => caller.Actor ?? "";

    [Get("/auditors"), RequireRole("auditor")]
    public static string Auditors(Caller caller) => caller.Subject;

    [Get("/anyone")]
    public static string Anyone(Caller caller) => caller.Subject;
}

public sealed record CallerView(string Subject, string? Tenant, string[] Roles, string[] Scopes, ClientKind ClientKind, string? Actor);
