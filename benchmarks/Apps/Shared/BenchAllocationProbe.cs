using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SecureApi.Bench;

/// <summary>
/// <c>GET /_bench/allocated</c>: the bytes the process has allocated so far (GC.GetTotalAllocatedBytes, precise).
/// run.sh reads it before and after each load round and divides the difference by the requests wrk made.
/// </summary>
public static class BenchAllocationProbe
{
    public const string Path = "/_bench/allocated";

    public static IEndpointConventionBuilder MapAllocationProbe(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, static context =>
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync(GC.GetTotalAllocatedBytes(precise: true).ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
}
