using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SecureApi.Generators;
using SecureApi.Testing;

namespace SecureApi.Benchmarks.Generation;

/// <summary>Compiles the synthetic service as a SecureApi project would and drives the generator over it, as the compiler does.</summary>
internal static class GeneratorRunner
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static CSharpCompilation Compile(int endpoints, int resources) =>
        CSharpCompilation.Create(
            "SyntheticService",
            SyntheticService.Files(endpoints, resources).Select(file => CSharpSyntaxTree.ParseText(file.Source, s_parseOptions, file.Path)),
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <param name="trackSteps">
    /// Record every step's inputs and outputs, as tests do to check caching; the compiler runs generators without it.
    /// </param>
    public static GeneratorDriver CreateDriver(bool trackSteps) =>
        CSharpGeneratorDriver.Create(
            [new SecureApiGenerator().AsSourceGenerator()],
            parseOptions: s_parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>The same compilation with the unrelated file's method body edited.</summary>
    public static Compilation EditUnrelated(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == SyntheticService.UnrelatedPath);
        var edited = SyntheticService.Unrelated.Replace("value * 2", "value + value", StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(edited, s_parseOptions, SyntheticService.UnrelatedPath));
    }

    /// <summary>The generator's own step names (TrackingNames), read as the generator tests read them.</summary>
    private static readonly string[] s_stepNames =
    [
        .. typeof(SecureApiGenerator).Assembly.GetType("SecureApi.Generators.TrackingNames", throwOnError: true)!
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!),
    ];

    /// <summary>
    /// The generator's tracked steps and source outputs that ran again with a changed result: empty when everything
    /// stayed cached. Roslyn's own input nodes (Compilation, the attribute lookup's) always see an edit and are not counted.
    /// </summary>
    public static IReadOnlyList<string> Recomputed(GeneratorDriver driver)
    {
        var result = driver.GetRunResult().Results.Single();
        return
        [
            .. result.TrackedSteps.Where(step => s_stepNames.Contains(step.Key))
                .SelectMany(step => step.Value.SelectMany(run => run.Outputs).Select(output => (step.Key, output.Reason)))
                .Concat(result.TrackedOutputSteps.SelectMany(step => step.Value.SelectMany(run => run.Outputs).Select(output => (step.Key, output.Reason))))
                .Where(output => output.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                .Select(output => $"{output.Key}={output.Reason}")
                .Distinct(),
        ];
    }

    /// <summary>
    /// The slowest tracked steps of the last run (the generator's, Roslyn's, and the source outputs, which emit), by
    /// their summed elapsed time.
    /// </summary>
    public static IReadOnlyList<(string Step, TimeSpan Elapsed)> SlowestSteps(GeneratorDriver driver, int count) =>
    [
        .. driver.GetRunResult().Results.Single().TrackedSteps
            .Concat(driver.GetRunResult().Results.Single().TrackedOutputSteps)
            .Select(step => (step.Key, Elapsed: TimeSpan.FromTicks(step.Value.Sum(run => run.ElapsedTime.Ticks))))
            .OrderByDescending(step => step.Elapsed)
            .Take(count),
    ];

    private static ImmutableArray<MetadataReference> LoadReferences() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(Caller).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)),
    ];
}
