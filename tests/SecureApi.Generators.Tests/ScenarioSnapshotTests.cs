using Microsoft.CodeAnalysis;
using SecureApi.Generators.Tests.Scenarios;

namespace SecureApi.Generators.Tests;

/// <summary>
/// Each focused scenario compiles cleanly, and its generated files match <c>Snapshots/{scenario}/</c>: a change shows up in
/// the snapshot that is about it. (The representative service, which uses every feature at once, is in EmittedSourceTests.)
/// </summary>
public sealed class ScenarioSnapshotTests
{
    public static TheoryData<string> Scenarios => [.. SnapshotScenario.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void GeneratesCleanlyCompilingSource(string scenario)
    {
        var run = GeneratorHarness.Run(Find(scenario).Sources);

        Assert.Empty(run.Diagnostics);
        Assert.True(run.CompilationProblems.IsEmpty, "The scenario plus its generated source has warnings or errors:\n" + string.Join("\n", run.CompilationProblems));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void GeneratedFilesMatchTheScenarioSnapshots(string scenario)
    {
        var run = GeneratorHarness.Run(Find(scenario).Sources);

        Snapshot.MatchFolder(
            run.Result.GeneratedSources.ToDictionary(s => s.HintName.Replace(".g.cs", "", StringComparison.Ordinal), s => s.SourceText.ToString(), StringComparer.Ordinal),
            scenario);
    }

    private static SnapshotScenario Find(string name) => SnapshotScenario.All.Single(s => s.Name == name);
}
