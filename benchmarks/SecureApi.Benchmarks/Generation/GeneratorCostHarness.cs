using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace SecureApi.Benchmarks.Generation;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/SecureApi.Benchmarks -- generator [endpoints] [resources] [runs]</c>:
/// generation time for the synthetic service (the first run in the process, JIT included, as a cold build; then the
/// median of fresh-driver runs over fresh compilations, as a build on a warm compiler server; then an unrelated edit with the previous run's driver, as the
/// IDE does per keystroke), that the output compiles without errors, and that an unrelated edit leaves every tracked step
/// cached. Timed runs use a driver without step tracking, as the compiler runs generators: Roslyn's step recording walks
/// every output's whole input graph and costs more than the generator itself on a service this size (the tracked run
/// is timed too, as the generator tests pay it). Wall-clock and CPU time both: on a shared machine the CPU time is the
/// steadier figure. Exit code 1 when a step re-ran or the output has errors.
/// </summary>
internal static class GeneratorCostHarness
{
    public static int Run(string[] args)
    {
        var endpoints = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var resources = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var compilation = GeneratorRunner.Compile(endpoints, resources);

        GeneratorDriver driver = null!;
        Compilation output = null!;
        System.Collections.Immutable.ImmutableArray<Diagnostic> generatorDiagnostics = default;
        var first = Measure(() => driver = GeneratorRunner.CreateDriver(trackSteps: false).RunGeneratorsAndUpdateCompilation(compilation, out output, out generatorDiagnostics));
        var generated = driver.GetRunResult().GeneratedTrees.Length;
        var errors = generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        // A build on a warm compiler server: a new driver over a new compilation of the same trees (no symbol bound yet).
        var warm = Enumerable.Range(0, runs).Select(_ =>
        {
            var fresh = compilation.Clone();
            return Measure(() => driver = GeneratorRunner.CreateDriver(trackSteps: false).RunGenerators(fresh));
        }).OrderBy(m => m.Cpu).ToList();
        var median = warm[warm.Count / 2];

        // Each edit is a new compilation, as each keystroke is: Roslyn binds the attributed classes afresh in it.
        var edits = Enumerable.Range(0, runs).Select(_ =>
        {
            var edited = GeneratorRunner.EditUnrelated(compilation);
            return Measure(() => driver.RunGenerators(edited));
        }).OrderBy(m => m.Cpu).ToList();
        var editMedian = edits[edits.Count / 2];

        // The caching check and the per-step times need a tracking driver.
        GeneratorDriver tracked = null!;
        var trackedInput = compilation.Clone();
        var trackedRun = Measure(() => tracked = GeneratorRunner.CreateDriver(trackSteps: true).RunGenerators(trackedInput));
        var trackedSteps = GeneratorRunner.SlowestSteps(tracked, 6);
        var afterEdit = tracked.RunGenerators(GeneratorRunner.EditUnrelated(compilation));
        var recomputed = GeneratorRunner.Recomputed(afterEdit);

        Console.WriteLine($"Synthetic service: {endpoints} endpoints, {resources} resources; {generated} generated files; {Environment.ProcessorCount} cores, load average {LoadAverage()}.");
        Console.WriteLine($"| Run | Wall clock | CPU |");
        Console.WriteLine($"| --- | ---: | ---: |");
        Console.WriteLine($"| First generation in the process (JIT included) | {first.Wall:F0} ms | {first.Cpu:F0} ms |");
        Console.WriteLine($"| Generation, warm generator (median of {runs} by CPU) | {median.Wall:F0} ms | {median.Cpu:F0} ms |");
        Console.WriteLine($"| After an unrelated edit, previous run's driver (median of {runs} by CPU) | {editMedian.Wall:F0} ms | {editMedian.Cpu:F0} ms |");
        Console.WriteLine($"| Generation with step tracking on, as the generator tests run it | {trackedRun.Wall:F0} ms | {trackedRun.Cpu:F0} ms |");
        Console.WriteLine($"Generator steps re-run after the unrelated edit: {(recomputed.Count == 0 ? "none (all cached or unchanged)" : string.Join(", ", recomputed))}");
        Console.WriteLine("Slowest steps of a generation: " + Describe(trackedSteps));
        Console.WriteLine("Slowest steps after the edit: " + Describe(GeneratorRunner.SlowestSteps(afterEdit, 4)));
        Console.WriteLine($"Errors in the generated compilation: {errors.Count}");
        foreach (var error in errors.Take(5))
        {
            Console.WriteLine($"  {error}");
        }
        return recomputed.Count == 0 && errors.Count == 0 ? 0 : 1;
    }

    private static string Describe(IEnumerable<(string Step, TimeSpan Elapsed)> steps) =>
        string.Join(", ", steps.Select(s => $"{s.Step} {s.Elapsed.TotalMilliseconds:F0} ms"));

    private static (double Wall, double Cpu) Measure(Action action)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        var wall = clock.Elapsed.TotalMilliseconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
