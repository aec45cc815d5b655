using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
#if (PostgreSql)
using Npgsql;
#endif

namespace Company.Service1.Tests;

/// <summary>
/// The service itself, in Development, on Kestrel at a free loopback port: every request goes through the real HTTP
/// pipeline (sockets, headers, authentication, rate limits). It trusts <see cref="TestTokens"/> and stores its data in
#if (Sqlite)
/// a SQLite file of its own, deleted afterwards.
#else
/// a PostgreSQL database of its own, created on the server <see cref="PostgresConnectionVariable"/> names and dropped afterwards.
#endif
/// </summary>
public sealed class ServiceHost : WebApplicationFactory<Program>, IAsyncLifetime
{
#if (Sqlite)
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("company.service1-tests-");
#else
    /// <summary>The environment variable with a connection string to a PostgreSQL server on which the tests may create a database.</summary>
    public const string PostgresConnectionVariable = "SERVICE_TESTS_POSTGRESQL";

    private readonly string _server = Environment.GetEnvironmentVariable(PostgresConnectionVariable) is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException($"Set {PostgresConnectionVariable} to a connection string of a PostgreSQL server the tests may create a database on, e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=…");

    private readonly string _database = "tests_" + Guid.NewGuid().ToString("N");
#endif

    public HttpClient Anonymous() => CreateClient();

    /// <summary>A client whose requests carry a token for <paramref name="subject"/> with <paramref name="scopes"/>.</summary>
    public HttpClient As(string subject, params string[] scopes)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(subject, scopes));
        return client;
    }

    /// <summary>A client for a caller no other test uses, allowed to read and write todos.</summary>
    public HttpClient NewCaller() => As("caller-" + Guid.NewGuid().ToString("N"), TodosApi.Read, TodosApi.Write);

    public async Task InitializeAsync()
    {
#if (PostgreSql)
        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
        }

#endif
        UseKestrel(0); // a real socket on a port the system picks
        StartServer();
        await Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
#if (Sqlite)
        _data.Delete(recursive: true);
#else
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
#endif
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(Settings()));
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["Logging:LogLevel:Default"] = "Warning",
#if (Sqlite)
            ["SecureApi:Database:SqlitePath"] = Path.Combine(_data.FullName, "tests.db"),
#else
            ["SecureApi:Database:PostgreSql"] = new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString,
#endif
        };
        return settings;
    }
}

/// <summary>The test classes share one running service.</summary>
[CollectionDefinition(Name)]
public sealed class SharedService : ICollectionFixture<ServiceHost>
{
    public const string Name = "service";
}
