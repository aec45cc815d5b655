using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Bench;
using SecureApi.Benchmarks.Stages;

namespace SecureApi.Benchmarks.Allocation;

/// <summary>
/// <c>-- allocations-get [N] [--types]</c>: N authenticated GETs of an owned item by id through the run.sh SecureApi app's
/// whole pipeline on TestServer (no sockets, no HttpClient: the context is built in process), and the bytes allocated
/// per request (GC.GetTotalAllocatedBytes(true) delta / N). Two bare endpoints on the same server are measured the same
/// way: one behind authentication and authorisation (the same token), one anonymous and sent no token. The first passes
/// the same middleware as the GET but no generated handler, store or JSON; the second also skips the token, the caller
/// and the policy, so the differences split a GET into the framework's share before the handler and the handler's own.
/// <c>--types</c> adds the types the bytes go to (<see cref="AllocationSampler"/>).
/// </summary>
internal static class GetAllocationProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var types = args.Contains("--types");
        args = [.. args.Where(arg => arg != "--types")];
        var requests = args is [var n, ..] ? int.Parse(n, CultureInfo.InvariantCulture) : 20_000;
        await using var host = await ProbeHost.StartAsync(kestrel: false, static app =>
        {
            // The host's share: routing, TestServer, a tiny response.
            app.MapGet("/_probe/bare", static () => Results.Ok());
            app.MapGet("/_probe/anonymous", static () => Results.Ok()).AllowAnonymous();
        });
        var server = host.App.GetTestServer();
        var item = await host.App.Services.GetRequiredService<ItemStore>().CreateAsync(StageHost.Alice, "probe", 3);
        var token = "Bearer " + host.Token;

        using var sampler = types ? new AllocationSampler() : null;
        var get = await MeasureAsync(server, $"/items/{item.Id}", token, requests, sampler);
        var bare = await MeasureAsync(server, "/_probe/bare", token, requests, sampler);
        var anonymous = await MeasureAsync(server, "/_probe/anonymous", null, requests, sampler);
        Console.WriteLine($"GET /items/{{id}}:            {get.Bytes,6:F0} bytes per request (status {get.Status})");
        Console.WriteLine($"bare endpoint, token:        {bare.Bytes,6:F0} bytes per request (status {bare.Status})");
        Console.WriteLine($"bare endpoint, anonymous:    {anonymous.Bytes,6:F0} bytes per request (status {anonymous.Status})");
        Console.WriteLine($"token, caller and policy:    {bare.Bytes - anonymous.Bytes,6:F0} bytes per request");
        Console.WriteLine($"handler, store and JSON:     {get.Bytes - bare.Bytes,6:F0} bytes per request ({requests} requests each)");
        return get.Status == 200 && bare.Status == 200 && anonymous.Status == 200 ? 0 : 1;
    }

    private static async Task<(double Bytes, int Status)> MeasureAsync(TestServer server, string path, string? token, int requests, AllocationSampler? sampler)
    {
        var status = 0;
        for (var i = 0; i < 500; i++) // warm: JIT, pools, the token cache
        {
            status = await SendAsync(server, path, token);
        }

        sampler?.Start();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < requests; i++)
        {
            status = await SendAsync(server, path, token);
        }

        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)requests;
        if (sampler is not null)
        {
            Console.WriteLine($"{path}: {bytes:F0} bytes per request, sampled by type:");
            foreach (var (type, sampled) in sampler.Stop().Take(30))
            {
                Console.WriteLine($"      {sampled / requests,7:N0} B  {type}");
            }
        }

        return (bytes, status);
    }

    private static async Task<int> SendAsync(TestServer server, string path, string? token)
    {
        var context = await server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            if (token is not null)
            {
                c.Request.Headers.Authorization = token;
            }
        });
        return context.Response.StatusCode;
    }
}
