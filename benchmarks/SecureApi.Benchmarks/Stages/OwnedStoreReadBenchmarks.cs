using Microsoft.Extensions.Configuration;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Bench;

namespace SecureApi.Benchmarks.Stages;

/// <summary>
/// One owner-scoped read by key through the generated <see cref="ItemStore"/> on SQLite (a pooled connection opened per
/// call, as per request), and the same read through the run.sh apps' hand-written store on its own file.
/// </summary>
[MemoryDiagnoser]
public class OwnedStoreReadBenchmarks
{
    private StageHost _host = null!;
    private ItemStore _store = null!;
    private Bench.BenchItemStore _handWritten = null!;
    private Guid _handWrittenId;
    private string _handWrittenFile = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = StageHost.StartAsync().GetAwaiter().GetResult();
        _store = _host.Services.GetRequiredService<ItemStore>();
        _handWrittenFile = Path.Combine(Path.GetTempPath(), $"secureapi-bench-{Guid.NewGuid():N}.db");
        _handWritten = new Bench.BenchItemStore(new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Bench:SqlitePath"] = _handWrittenFile })
            .Build());
        _handWrittenId = _handWritten.CreateAsync("alice", "bench", 3, CancellationToken.None).GetAwaiter().GetResult().Id;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        File.Delete(_handWrittenFile);
    }

    [Benchmark(Baseline = true)]
    public Task<Bench.BenchItem?> HandWrittenSqlite() => _handWritten.FindAsync("alice", _handWrittenId, CancellationToken.None);

    [Benchmark]
    public Task<Item?> GeneratedSqlite() => _store.FindAsync(StageHost.Alice, _host.Item.Id);
}
