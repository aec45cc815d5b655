using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SecureApi.Generators.Tests;

/// <summary>Compiles user source the way a SecureApi service project would, and runs the generator over it.</summary>
internal static class GeneratorHarness
{
    /// <summary>What <c>ImplicitUsings</c> and a typical service's own global usings bring in (the synthetic service's, shared).</summary>
    public const string GlobalUsings = SyntheticService.GlobalUsings;

    public const string GlobalUsingsPath = "GlobalUsings.cs";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    /// <summary>User files are named <c>Source0.cs</c>, <c>Source1.cs</c>... in order.</summary>
    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "UserService",
            sources.Select((source, i) => Parse(source, SourcePath(i))).Prepend(Parse(GlobalUsings, GlobalUsingsPath)),
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                // The SDK passes /nowarn:1701,1702 too: binding redirects between framework versions are not the user's concern.
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

    public static string SourcePath(int index) => $"Source{index}.cs";

    public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <param name="additionalTexts">The project's AdditionalFiles items (the schema snapshot, say).</param>
    public static GeneratorDriver CreateDriver(params AdditionalText[] additionalTexts) =>
        CSharpGeneratorDriver.Create(
            [new SecureApiGenerator().AsSourceGenerator()],
            additionalTexts: additionalTexts,
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs <paramref name="driver"/> (a new one when null) over <paramref name="compilation"/>; pass the previous run's driver to test caching.</summary>
    public static GeneratorRun Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        var updated = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GeneratorRun(updated, compilation, output, updated.GetRunResult().Results.Single());
    }

    /// <summary>Shorthand: compile <paramref name="sources"/> and run a new driver over them.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(Compile(sources));

    /// <summary>Every assembly the test host runs with (the shared framework, ASP.NET Core included), plus SecureApi.</summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(Caller).Assembly.Location)
            .Distinct(StringComparer.Ordinal);
        return [.. paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
