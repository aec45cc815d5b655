using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.Bench;
using SecureApi.Data;
using SecureApi.Benchmarks.Stages;
using SecureApi.Testing;

namespace SecureApi.Benchmarks.Probes;

/// <summary>
/// <c>-- allocations-get [N]</c>: N authenticated GETs of an owned item by id through the run.sh SecureApi app's whole
/// pipeline on TestServer (no sockets, no HttpClient: the context is built in process), and the bytes allocated per
/// request (GC.GetTotalAllocatedBytes(true) delta / N). A bare endpoint on the same server is measured the same way: it
/// passes the same middleware (authentication, limiter, headers, request log) but no generated handler, store or JSON, so
/// the difference is the generated GET's own share.
/// </summary>
internal static class GetAllocationProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args is [var n, ..] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        using var key = RSA.Create(2048);
        var directory = Directory.CreateTempSubdirectory("secureapi-probe-").FullName;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SecureApi:RequireHttps"] = "false",
            ["SecureApi:RateLimitPermits"] = "100000000",
            ["SecureApi:Database:Engine"] = "Sqlite",
            ["SecureApi:Database:SqlitePath"] = Path.Combine(directory, "probe.db"),
            ["SecureApi:Cursors:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["SecureApi:Authentication:Jwt:Issuers:0"] = TestTokens.Issuer,
            ["SecureApi:Authentication:Jwt:Audiences:0"] = TestTokens.Audience,
            ["SecureApi:Authentication:Jwt:SigningKeys:0:Id"] = "probe",
            ["SecureApi:Authentication:Jwt:SigningKeys:0:PublicKeyPem"] = key.ExportSubjectPublicKeyInfoPem(),
        });
        builder.Services.AddSecureApi(builder.Configuration);
        var app = builder.Build();
        app.UseSecureApi();
        app.MapSecureApi();
        app.MapGet("/_probe/bare", static () => Results.Ok()); // the host's share: routing, TestServer, a tiny response
        try
        {
            await SecureApiSchema.ApplyAsync(app.Services);
            await app.StartAsync();
            var server = app.GetTestServer();
            var item = await app.Services.GetRequiredService<ItemStore>().CreateAsync(StageHost.Alice, "probe", 3);
            var token = "Bearer " + TestTokens.Rs256(key, TestTokens.Claims("alice"), "probe");

            var get = await MeasureAsync(server, $"/items/{item.Id}", token, requests);
            var bare = await MeasureAsync(server, "/_probe/bare", token, requests);
            Console.WriteLine($"GET /items/{{id}}: {get.Bytes:F0} bytes per request (status {get.Status})");
            Console.WriteLine($"bare endpoint:    {bare.Bytes:F0} bytes per request (status {bare.Status})");
            Console.WriteLine($"handler, store and JSON: {get.Bytes - bare.Bytes:F0} bytes per request ({requests} requests each)");
            return get.Status == 200 ? 0 : 1;
        }
        finally
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(double Bytes, int Status)> MeasureAsync(TestServer server, string path, string token, int requests)
    {
        var status = 0;
        for (var i = 0; i < 500; i++) // warm: JIT, pools, the token cache
        {
            status = await SendAsync(server, path, token);
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < requests; i++)
        {
            status = await SendAsync(server, path, token);
        }

        return ((GC.GetTotalAllocatedBytes(precise: true) - before) / (double)requests, status);
    }

    private static async Task<int> SendAsync(TestServer server, string path, string token)
    {
        var context = await server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            c.Request.Headers.Authorization = token;
        });
        return context.Response.StatusCode;
    }
}
