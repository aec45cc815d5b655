using System.ComponentModel;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Infrastructure;

/// <summary>What the generator knows about an endpoint, handed to <see cref="EndpointMapping.Map"/> at start-up.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EndpointDefinition
{
    public required string Method { get; init; }

    public required string Route { get; init; }

    public required string Name { get; init; }

    public required string Tag { get; init; }

    /// <summary>True only when the declaration says <c>[AllowAnonymous]</c>; otherwise an authenticated caller is required.</summary>
    public bool AllowAnonymous { get; init; }

    /// <summary>Each entry is one <c>[RequireRole]</c>: a comma-separated set of which the caller needs one; all entries must hold.</summary>
    public IReadOnlyList<string> RoleSets { get; init; } = [];

    /// <summary>Each entry is one <c>[RequireScope]</c>: a space-separated set of which the caller needs one; all entries must hold.</summary>
    public IReadOnlyList<string> ScopeSets { get; init; } = [];

    /// <summary>The client kinds that may call (<c>[RequireClientKind]</c>, class and method combined); empty: any kind.</summary>
    public IReadOnlyList<ClientKind> ClientKinds { get; init; } = [];

    /// <summary>Authorization policies (<c>[Authorize(Policy = …)]</c>), each required; registered with <c>AddAuthorization</c>.</summary>
    public IReadOnlyList<string> Policies { get; init; } = [];

    public string? RateLimitPolicy { get; init; }

    /// <summary>
    /// The declaration says <c>[DisableRateLimiting]</c> (SAPI047 warns of it): no rate limit applies, not even the default.
    /// </summary>
    public bool DisableRateLimiting { get; init; }

    /// <summary>The query parameters the endpoint binds; any other is refused with 400.</summary>
    public string[] QueryParameters { get; init; } = [];

    /// <summary>The endpoint takes a <c>PageRequest</c>: <c>limit</c>, <c>cursor</c>, <c>sort</c> and <c>filter.*</c> are its own.</summary>
    public bool AcceptsPageQuery { get; init; }

    /// <summary>The declaration says <c>[AllowUnknownQuery]</c>: query parameters it does not bind are ignored.</summary>
    public bool AllowUnknownQuery { get; init; }

    /// <summary>The declaration says <c>[ExemptFromLoadShedding]</c>: load shedding neither counts nor refuses it.</summary>
    public bool ExemptFromLoadShedding { get; init; }

    public Type? RequestType { get; init; }

    public int SuccessStatusCode { get; init; } = StatusCodes.Status200OK;

    public Type? ResponseType { get; init; }

    public required EndpointHandler Handler { get; init; }

    /// <summary>The generator's description of the operation, for the OpenAPI document; null from older generated code.</summary>
    public OperationDescription? Operation { get; init; }
}
