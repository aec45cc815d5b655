using Microsoft.CodeAnalysis;

namespace SecureApi.Generators.Tests;

/// <summary>The generated source of a representative service: compiles cleanly and matches the approved snapshots.</summary>
public sealed class EmittedSourceTests
{
    private static readonly Lazy<GeneratorRun> s_run = new(() => GeneratorHarness.Run(RepresentativeService.Sources));

    public static TheoryData<string> HintNames => [.. RepresentativeService.HintNames];

    [Fact]
    public void GeneratesOneFilePerEndpointClassPlusTheSharedFiles()
    {
        Assert.Equal(RepresentativeService.HintNames.Order(StringComparer.Ordinal), s_run.Value.HintNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RepresentativeServiceHasNoGeneratorDiagnostics()
    {
        Assert.Empty(s_run.Value.Diagnostics);
    }

    [Fact]
    public void GeneratedSourceCompilesWithoutWarnings()
    {
        var problems = s_run.Value.CompilationProblems;

        Assert.True(problems.IsEmpty, "The service plus its generated source has warnings or errors:\n" + string.Join("\n", problems.Select(Describe)));
    }

    [Theory]
    [MemberData(nameof(HintNames))]
    public void GeneratedFileMatchesSnapshot(string hintName)
    {
        Snapshot.Match(s_run.Value.Source(hintName), hintName.Replace(".g.cs", "", StringComparison.Ordinal));
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var line = diagnostic.Location.GetLineSpan();
        var text = diagnostic.Location.SourceTree?.GetText().Lines[line.StartLinePosition.Line].ToString().Trim();
        return $"  {diagnostic}\n      {text}";
    }
}
