using System.Globalization;

namespace SecureApi.Bench;

/// <summary>
/// <c>GET /_bench/allocated</c>, as in the other apps (which share it from SecureApi.Bench.Shared): the bytes the process
/// has allocated so far. Kept here so this app carries nothing but SecureApi.
/// </summary>
internal static class AllocationProbe
{
    public static void MapAllocationProbe(this WebApplication app) =>
        app.MapGet("/_bench/allocated", static context =>
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync(GC.GetTotalAllocatedBytes(precise: true).ToString(CultureInfo.InvariantCulture));
        });
}
