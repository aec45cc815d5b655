using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.Bench;
using SecureApi.Data;

namespace SecureApi.Benchmarks.Stages;

/// <summary>
/// A SecureApi service's services, built as AddSecureApi builds them (Production, no log sink: the benchmarks measure
/// the framework's own work, not a console), over a fresh SQLite file or the PostgreSQL server named by
/// <see cref="PostgreSqlVariable"/>; the schema applied and one item owned by <see cref="Alice"/>.
/// </summary>
internal sealed class StageHost : IAsyncDisposable
{
    public const string PostgreSqlVariable = "SECUREAPI_BENCH_POSTGRESQL";

    private readonly WebApplication _app;
    private readonly string _directory;

    private StageHost(WebApplication app, string directory, Item item)
    {
        _app = app;
        _directory = directory;
        Item = item;
    }

    public IServiceProvider Services => _app.Services;

    public Item Item { get; }

    public static Caller Alice { get; } =
        Caller.Read(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "alice")], "bench", "sub", "role")))!;

    public static async Task<StageHost> StartAsync(bool postgreSql = false)
    {
        var directory = Directory.CreateTempSubdirectory("secureapi-bench-").FullName;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SecureApi:RequireHttps"] = "false",
            ["SecureApi:Database:Engine"] = postgreSql ? "PostgreSql" : "Sqlite",
            ["SecureApi:Database:PostgreSql"] = postgreSql ? Environment.GetEnvironmentVariable(PostgreSqlVariable) : null,
            ["SecureApi:Database:SqlitePath"] = Path.Combine(directory, "bench.db"),
            ["SecureApi:Cursors:Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        });
        builder.Services.AddSecureApi(builder.Configuration);
        var app = builder.Build();
        await SecureApiSchema.ApplyAsync(app.Services);
        var item = await app.Services.GetRequiredService<ItemStore>().CreateAsync(Alice, "bench", 3);
        return new StageHost(app, directory, item);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
