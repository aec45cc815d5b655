using System.Runtime.Loader;

namespace SecureApi.Generators.Tests;

/// <summary>
/// Runs the stores generated for the representative resources against SQLite and a throwaway PostgreSQL, one behaviour a
/// test, each on a fresh database. The scenarios live in a probe compiled with the service, so they call the generated
/// types directly; each returns the expectations that did not hold.
/// </summary>
public sealed class ResourceStoreRuntimeTests(StoreProbeFixture probe) : IClassFixture<StoreProbeFixture>
{
    public enum Engine
    {
        Sqlite,
        PostgreSql,
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.PostgreSql)]
    public Task CreateSetsKeyOwnerTenantVersionAndStamps(Engine engine) => probe.RunAsync("Create", engine);

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.PostgreSql)]
    public Task EveryCallerSeesOnlyTheirOwnRowsInTheirTenant(Engine engine) => probe.RunAsync("Scoping", engine);

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.PostgreSql)]
    public Task AdminStoreReachesEveryRowButNeverDecrypts(Engine engine) => probe.RunAsync("Admin", engine);

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.PostgreSql)]
    public Task EncryptedMembersAreStoredEncryptedAndBoundToTheirRow(Engine engine) => probe.RunAsync("Encryption", engine);

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.PostgreSql)]
    public Task UpdateKeepsMembersNotGivenAndSetsTheOthersNullIncluded(Engine engine) => probe.RunAsync("UpdateKeepOrSet", engine);

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.PostgreSql)]
    public Task UpdateRequiresTheCurrentVersion(Engine engine) => probe.RunAsync("UpdateConcurrency", engine);

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.PostgreSql)]
    public Task DeleteIsScopedAndHonoursAnExpectedVersion(Engine engine) => probe.RunAsync("DeleteConcurrency", engine);

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.PostgreSql)]
    public Task ListsPageByKeysetWithCursorsSignedForTheCallerAndQuery(Engine engine) => probe.RunAsync("Cursors", engine);

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.PostgreSql)]
    public Task ListsFilterAndSortOnlyByAllowedMembers(Engine engine) => probe.RunAsync("FiltersAndSorts", engine);

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.PostgreSql)]
    public Task SequentialKeysOfATenantResourceAreSharedWithinTheTenantOnly(Engine engine) => probe.RunAsync("SequentialTenantKeys", engine);
}

/// <summary>Compiles the service with <see cref="StoreProbeSource"/> once, and starts one PostgreSQL cluster for all scenarios.</summary>
public sealed class StoreProbeFixture : IAsyncLifetime
{
    private readonly AssemblyLoadContext _context = new("StoreProbe", isCollectible: true);
    private Func<string, string, string?, Task<string>>? _run;
    private PostgresCluster? _cluster;

    public async Task InitializeAsync()
    {
        var run = GeneratorHarness.Run([.. RepresentativeService.Sources, StoreProbeSource.Text]);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        _run = _context.LoadFromStream(image).GetType("Shop.Api.StoreProbe")!
            .GetMethod("RunAsync")!
            .CreateDelegate<Func<string, string, string?, Task<string>>>();
        _cluster = await PostgresCluster.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _context.Unload();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Runs one scenario of the probe on a fresh database of <paramref name="engine"/>.</summary>
    internal async Task RunAsync(string scenario, ResourceStoreRuntimeTests.Engine engine)
    {
        var directory = Directory.CreateTempSubdirectory("secureapi-store-probe-");
        try
        {
            string? postgreSql = null;
            if (engine == ResourceStoreRuntimeTests.Engine.PostgreSql)
            {
                var database = "probe_" + Guid.NewGuid().ToString("N");
                await using (var admin = new Npgsql.NpgsqlConnection(_cluster!.ConnectionString))
                {
                    await admin.OpenAsync();
                    await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin);
                    await create.ExecuteNonQueryAsync();
                }

                postgreSql = new Npgsql.NpgsqlConnectionStringBuilder(_cluster.ConnectionString) { Database = database }.ConnectionString;
            }

            var failures = await _run!(scenario, directory.FullName, postgreSql);

            Assert.True(failures.Length == 0, "Expectations that did not hold:\n" + failures);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}
