using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace SecureApi.Benchmarks.Generation;

/// <summary>
/// The generator over a service of 1,000 endpoints and 200 resources: a full run with a new driver (a clean build on a
/// warm compiler server), and the run after an unrelated edit with the previous run's driver (what the IDE does per
/// keystroke, where every step should stay cached).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class GeneratorCostBenchmarks
{
    private Compilation _compilation = null!;
    private Compilation _edited = null!;
    private GeneratorDriver _warmDriver = null!;

    [Params(1000)]
    public int Endpoints { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _compilation = GeneratorRunner.Compile(Endpoints, resources: 200);
        _edited = GeneratorRunner.EditUnrelated(_compilation);
        _warmDriver = GeneratorRunner.CreateDriver(trackSteps: false).RunGenerators(_compilation);
    }

    [Benchmark(Baseline = true)]
    public GeneratorDriver FullGeneration() => GeneratorRunner.CreateDriver(trackSteps: false).RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver AfterUnrelatedEdit() => _warmDriver.RunGenerators(_edited);
}
