using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SecureApi.Testing;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Runs the test service through the real ASP.NET Core pipeline, in Development unless <see cref="Environment"/> says otherwise (no HTTPS redirect in-process). Any
/// database it opens is a file in a temp directory of its own, removed on dispose: a test run writes nothing into the
/// source tree.
/// </summary>
public sealed class TestServiceFactory : WebApplicationFactory<Program>
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("secureapi-integrationtests-");

    /// <summary>The host environment; Development unless a test needs what happens outside it.</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>Configuration on top of the test service's own.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Service registrations applied after the test service's own (a test-only certificate trust, say).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>A client whose requests are made as <paramref name="subject"/> (test header scheme).</summary>
    public HttpClient ClientFor(string subject, string? roles = null, string? tenant = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-Subject", subject);
        if (roles is not null)
        {
            client.DefaultRequestHeaders.Add("X-Test-Roles", roles);
        }

        if (tenant is not null)
        {
            client.DefaultRequestHeaders.Add("X-Test-Tenant", tenant);
        }

        return client;
    }

    public static StringContent Json(string json, string mediaType = "application/json") =>
        new(json, new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Delete(recursive: true);
    }

    /// <summary>A start-up that fails reaches the test as its own exception (see <see cref="StartGate"/>).</summary>
    protected override IHost CreateHost(IHostBuilder builder) => StartGate.Start(builder, base.CreateHost);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("SecureApi:Database:SqlitePath", Path.Combine(_data.FullName, "secureapi.db"));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (TestServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }
}
