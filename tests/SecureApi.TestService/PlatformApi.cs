using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace SecureApi.TestService;

/// <summary>Endpoints declared with ASP.NET Core's own attributes instead of SecureApi's.</summary>
[Endpoints("/platform")]
public sealed partial class PlatformApi
{
    /// <summary>The policy <c>[Authorize(Policy = …)]</c> names; registered in Program.cs.</summary>
    public const string TenantMemberPolicy = "TenantMember";

    [Get("/region")]
    public static RegionInfo Region([FromHeader(Name = "X-Region")] int region, [FromQuery(Name = "q")] string? term) => new(region, term);

    [Get("/admin"), Authorize(Roles = "admin")]
    public static RegionInfo Admin() => new(0, "admin");

    [Get("/tenant"), Authorize(Policy = TenantMemberPolicy)]
    public static RegionInfo Tenant(Caller caller) => new(0, caller.Tenant);
}

public sealed record RegionInfo(int Region, string? Term);
