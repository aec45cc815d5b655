using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.Data;
using SecureApi.Testing;

namespace SecureApi.Benchmarks.Allocation;

/// <summary>
/// The one host both allocation probes measure: run.sh's SecureApi app (its item, endpoints and pipeline) in Production
/// over a fresh SQLite file, a JWT issuer of its own and a limiter that never refuses. Only the server differs: Kestrel
/// on a loopback port (<c>-- allocations</c>) or TestServer in process (<c>-- allocations-get</c>).
/// </summary>
internal sealed class ProbeHost : IAsyncDisposable
{
    private readonly RSA _key;
    private readonly string _directory;

    private ProbeHost(WebApplication app, RSA key, string directory)
    {
        App = app;
        _key = key;
        Token = TestTokens.Rs256(key, TestTokens.Claims("alice"), "probe");
        _directory = directory;
    }

    public WebApplication App { get; }

    /// <summary>A signed access token for <c>alice</c> (the bare JWT, without <c>Bearer </c>).</summary>
    public string Token { get; }

    /// <param name="kestrel">Kestrel on a loopback port when true, TestServer otherwise.</param>
    /// <param name="map">Extra endpoints to map beside the app's own.</param>
    public static async Task<ProbeHost> StartAsync(bool kestrel, Action<WebApplication>? map = null)
    {
        var key = RSA.Create(2048);
        var directory = Directory.CreateTempSubdirectory("secureapi-probe-").FullName;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        if (kestrel)
        {
            builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

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
        var host = new ProbeHost(app, key, directory);
        try
        {
            app.UseSecureApi();
            app.MapSecureApi();
            map?.Invoke(app);
            await SecureApiSchema.ApplyAsync(app.Services);
            await app.StartAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync(); // stops the server if it started
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        _key.Dispose();
    }
}
