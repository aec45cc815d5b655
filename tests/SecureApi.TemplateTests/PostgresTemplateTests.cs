using Xunit.Abstractions;

namespace SecureApi.TemplateTests;

/// <summary>
/// Every combination of <c>--aot</c> and <c>--no-sample-data</c> with <c>--database postgres</c>, against a throwaway
/// PostgreSQL server: the generated tests create their own database on it, the started service gets one made here.
/// </summary>
public sealed class PostgresTemplateTests(SharedTemplate shared, PostgresTemplateTests.Server server, ITestOutputHelper log)
    : IClassFixture<SharedTemplate>, IClassFixture<PostgresTemplateTests.Server>
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task GeneratedServiceBuildsPassesItsTestsAndServes(bool aot, bool noSampleData)
    {
        var template = await shared.GetAsync();
        var cluster = server.Cluster;

        await new GeneratedService(template, new TemplateOptions("postgres", aot, noSampleData), log)
            .CheckAsync(postgres: cluster.ConnectionString, database: await cluster.CreateDatabaseAsync());
    }

    /// <summary>One throwaway PostgreSQL server for the class.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private PostgresCluster? _cluster;

        public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The server has not started.");

        public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

        public async Task DisposeAsync()
        {
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
    }
}
