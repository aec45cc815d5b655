using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using SecureApi;

namespace NotesService;

/// <summary>
/// A liveness probe for the orchestrator: anonymous, never rate limited (a throttled probe would restart a healthy
/// service) and never shed. It answers from memory and touches no data. The opt-out is a reviewed decision, so its
/// warning is suppressed in the open, where the security inventory lists it.
/// </summary>
[Endpoints(""), AllowAnonymous]
public sealed partial class HealthApi
{
#pragma warning disable SAPI047 // probes poll every few seconds from inside the cluster; the endpoint does no work
    [Get("/health"), DisableRateLimiting, ExemptFromLoadShedding]
#pragma warning restore SAPI047
    public static HealthStatus Health() => new("ok");
}

public sealed record HealthStatus(string Status);
