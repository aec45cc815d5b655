using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Bench;

namespace SecureApi.Benchmarks.Stages;

/// <summary>
/// The generated store's owner-scoped read on PostgreSQL. Runs only when <see cref="StageHost.PostgreSqlVariable"/>
/// names a server (a connection string to a database the benchmark may create its tables in); Program leaves it out
/// with a message otherwise.
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlStoreReadBenchmarks
{
    private StageHost _host = null!;
    private ItemStore _store = null!;

    public static bool IsAvailable => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(StageHost.PostgreSqlVariable));

    [GlobalSetup]
    public void Setup()
    {
        _host = StageHost.StartAsync(postgreSql: true).GetAwaiter().GetResult();
        _store = _host.Services.GetRequiredService<ItemStore>();
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task<Item?> GeneratedPostgreSql() => _store.FindAsync(StageHost.Alice, _host.Item.Id);
}
