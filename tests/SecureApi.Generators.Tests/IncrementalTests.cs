using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SecureApi.Generators.Tests;

/// <summary>
/// Edits that cannot change the output leave every tracked step cached (so the IDE does no work per keystroke),
/// and edits that can change it do reach the output.
/// </summary>
public sealed class IncrementalTests
{
    private const string Unrelated = """
        namespace Shop.Other;

        public static class Arithmetic
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    /// <summary>Every step name the generator declares, read from the constants of <see cref="TrackingNames"/>.</summary>
    private static readonly string[] s_stepNames =
    [
        .. typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!),
    ];

    [Fact]
    public void EveryTrackingNameIsRecorded()
    {
        var run = GeneratorHarness.Run(Service());

        Assert.NotEmpty(s_stepNames);
        Assert.All(s_stepNames, name => Assert.True(
            run.Result.TrackedSteps.ContainsKey(name),
            $"Step '{name}' did not run for the representative service, so the caching tests cannot check it: use the feature behind it in RepresentativeService."));
    }

    [Fact]
    public void AddingAnUnrelatedFileKeepsEveryStepCached()
    {
        var first = GeneratorHarness.Run(Service());

        var second = GeneratorHarness.Run(first.Input.AddSyntaxTrees(GeneratorHarness.Parse(Unrelated, "Unrelated.cs")), first.Driver);

        AssertAllCached(second);
    }

    [Fact]
    public void EditingAnUnrelatedClassKeepsEveryStepCached()
    {
        var first = GeneratorHarness.Run(Service(Unrelated));
        var edited = Unrelated.Replace("value * 2", "value + value", StringComparison.Ordinal);

        var second = GeneratorHarness.Run(Replace(first.Input, GeneratorHarness.SourcePath(RepresentativeService.Sources.Length), edited), first.Driver);

        AssertAllCached(second);
    }

    [Fact]
    public void EditingAnEndpointMethodBodyKeepsEveryStepCached()
    {
        // The body of the file's last method: the models change only if the parser reads bodies, and no location after the edit moves.
        var first = GeneratorHarness.Run(Service());
        var edited = RepresentativeService.Endpoints.Replace("await Task.Yield();", "await Task.Delay(1);", StringComparison.Ordinal);
        Assert.NotEqual(RepresentativeService.Endpoints, edited);

        var second = GeneratorHarness.Run(Replace(first.Input, GeneratorHarness.SourcePath(1), edited), first.Driver);

        // The edited file's classes were parsed again (Unchanged, not Cached): this checks the models compare by value.
        Assert.Contains(Reasons(second, TrackingNames.EndpointClasses), reason => reason == IncrementalStepRunReason.Unchanged);
        AssertAllCached(second);
    }

    [Fact]
    public void AddingAnEndpointRegeneratesItsClassFile()
    {
        var first = GeneratorHarness.Run(Service());
        var edited = RepresentativeService.Endpoints.Replace(
            "[Post(\"/reset\")]",
            "[Get(\"/version\")]\n    public static string Version() => \"1\";\n\n    [Post(\"/reset\")]",
            StringComparison.Ordinal);

        var second = GeneratorHarness.Run(Replace(first.Input, GeneratorHarness.SourcePath(1), edited), first.Driver);

        Assert.Contains(Reasons(second, TrackingNames.EndpointSpecs), reason => reason == IncrementalStepRunReason.Modified);
        Assert.Contains("HandleVersionAsync", second.Source("Shop.Api.StatusApi.Endpoints.g.cs"), StringComparison.Ordinal);
        Assert.Empty(second.Diagnostics);
    }

    [Fact]
    public void ChangingARequiredScopeOrClientKindRegeneratesItsClassFile()
    {
        // Scopes and client kinds are part of the endpoint model: a change must reach the emitted metadata, not stay cached.
        var first = GeneratorHarness.Run(Service());
        var edited = RepresentativeService.Endpoints.Replace(
            "[Post(\"\"), MaxBodySize(16_384), RequireScope(\"orders:write\")]",
            "[Post(\"\"), MaxBodySize(16_384), RequireScope(\"orders:create\"), RequireClientKind(ClientKind.Service)]",
            StringComparison.Ordinal);
        Assert.NotEqual(RepresentativeService.Endpoints, edited);

        var second = GeneratorHarness.Run(Replace(first.Input, GeneratorHarness.SourcePath(1), edited), first.Driver);

        Assert.Contains(Reasons(second, TrackingNames.EndpointSpecs), reason => reason == IncrementalStepRunReason.Modified);
        var source = second.Source("Shop.Api.OrdersApi.Endpoints.g.cs");
        Assert.Contains("ScopeSets = [\"orders:create\"],\n            ClientKinds = [global::SecureApi.ClientKind.Service],", source.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Empty(second.Diagnostics);
    }

    [Fact]
    public void AddingFilterOutputToAnEndpointRegeneratesItsHandlerOnly()
    {
        // [FilterOutput] is part of the endpoint model: it reaches the handler, while the JSON types stay as they were.
        var first = GeneratorHarness.Run(Service());
        var edited = RepresentativeService.Endpoints.Replace(
            "[Post(\"\"), MaxBodySize(16_384), RequireScope(\"orders:write\")]",
            "[Post(\"\"), MaxBodySize(16_384), RequireScope(\"orders:write\"), FilterOutput]",
            StringComparison.Ordinal);
        Assert.NotEqual(RepresentativeService.Endpoints, edited);

        var second = GeneratorHarness.Run(Replace(first.Input, GeneratorHarness.SourcePath(1), edited), first.Driver);

        Assert.Contains(Reasons(second, TrackingNames.EndpointSpecs), reason => reason == IncrementalStepRunReason.Modified);
        Assert.All(Reasons(second, TrackingNames.JsonTypes), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
        Assert.Contains("Responses.FilteredCreatedAsync(httpContext", second.Source("Shop.Api.OrdersApi.Endpoints.g.cs"), StringComparison.Ordinal);
        Assert.Empty(second.Diagnostics);
        AssertSameAsAFreshRun(second);
    }

    [Fact]
    public void AddingFilterOutputToAMemberReachesTheJsonMetadata()
    {
        var first = GeneratorHarness.Run(Service());
        var edited = RepresentativeService.Models.Replace(
            "public sealed record Order(Guid Id, string Customer,",
            "public sealed record Order(Guid Id, [property: FilterOutput] string Customer,",
            StringComparison.Ordinal);
        Assert.NotEqual(RepresentativeService.Models, edited);

        var second = GeneratorHarness.Run(Replace(first.Input, GeneratorHarness.SourcePath(0), edited), first.Driver);

        Assert.Contains(Reasons(second, TrackingNames.JsonTypes), reason => reason == IncrementalStepRunReason.Modified);
        Assert.Contains("OutputFilterValues.Filter(((global::Shop.Api.Order)obj).Customer)", second.Source("SecureApiJsonContext.g.cs"), StringComparison.Ordinal);
        Assert.Empty(second.Diagnostics);
        AssertSameAsAFreshRun(second);
    }

    [Fact]
    public void AddingAnEndpointClassProducesNewOutputs()
    {
        var first = GeneratorHarness.Run(Service());
        var added = """
            namespace Shop.Api;

            [Endpoints("/ping")]
            public partial class PingApi
            {
                [Get("")]
                public static bool Ping() => true;
            }
            """;

        var second = GeneratorHarness.Run(first.Input.AddSyntaxTrees(GeneratorHarness.Parse(added, "PingApi.cs")), first.Driver);

        Assert.Contains(Reasons(second, TrackingNames.EndpointClasses), reason => reason == IncrementalStepRunReason.New);
        Assert.Contains(Reasons(second, TrackingNames.EndpointClassNames), reason => reason == IncrementalStepRunReason.Modified);
        Assert.Contains("global::Shop.Api.PingApi.MapSecureApiEndpoints(endpoints);", second.Source("SecureApiEndpointRouteBuilderExtensions.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void EditingAStoreUsingMethodBodyKeepsEveryStepCached()
    {
        // The last method of the resource endpoints file: a hand-written call on the admin store.
        var first = GeneratorHarness.Run(Service());
        var edited = Edit(RepresentativeService.ResourceEndpoints, "=> tickets.DeleteAsync(id, cancellationToken);", "=> tickets.DeleteAsync(key: id, cancellationToken);");

        var second = GeneratorHarness.Run(Replace(first.Input, ResourceEndpointsPath, edited), first.Driver);

        Assert.Contains(Reasons(second, TrackingNames.EndpointClasses), reason => reason == IncrementalStepRunReason.Unchanged);
        AssertAllCached(second);
    }

    [Fact]
    public void EditingAResourceFileWithoutChangingAResourceKeepsEveryStepCached()
    {
        // A comment at the end of the resources file: the resources are parsed again and must compare equal.
        var first = GeneratorHarness.Run(Service());
        var edited = RepresentativeService.Resources + "\n// Shelves hold tickets' paper copies.\n";

        var second = GeneratorHarness.Run(Replace(first.Input, ResourcesPath, edited), first.Driver);

        Assert.Contains(Reasons(second, TrackingNames.Resources), reason => reason == IncrementalStepRunReason.Unchanged);
        AssertAllCached(second);
    }

    [Fact]
    public void AddingAResourceMemberReachesItsStoreAndItsCrudEndpoints()
    {
        var first = GeneratorHarness.Run(Service());
        var edited = Edit(
            RepresentativeService.Resources,
            "    [ConcurrencyCheck]\n    public long Version { get; init; }\n}",
            "    [ConcurrencyCheck]\n    public long Version { get; init; }\n\n    [Filterable]\n    public bool Closed { get; init; }\n}");

        var second = GeneratorHarness.Run(Replace(first.Input, ResourcesPath, edited), first.Driver);

        Assert.Contains(Reasons(second, TrackingNames.Resources), reason => reason == IncrementalStepRunReason.Modified);
        Assert.Contains(Reasons(second, TrackingNames.ResourceSpecs), reason => reason == IncrementalStepRunReason.Modified);
        Assert.Contains(Reasons(second, TrackingNames.AllResourceSpecs), reason => reason == IncrementalStepRunReason.Modified);
        // The resource reaches the classes that use it through the join with the collected resource specs.
        Assert.Contains(Reasons(second, TrackingNames.ResolvedEndpointClasses), reason => reason == IncrementalStepRunReason.Modified);
        var store = second.Source("Shop.Api.Ticket.Store.g.cs");
        Assert.Contains("closed INTEGER NOT NULL", store, StringComparison.Ordinal);
        Assert.Contains("(@f_closed IS NULL OR closed = @f_closed)", store, StringComparison.Ordinal);
        // The CRUD endpoints are checked again against the new member: the create request does not carry it (SAPI043).
        var diagnostic = Assert.Single(second.Diagnostics);
        Assert.Equal(("SAPI043", "Create"), (diagnostic.Id, second.TextAt(diagnostic)));
        AssertSameAsAFreshRun(second);
    }

    [Fact]
    public void ChangingAResourceAttributeReachesItsStore()
    {
        var first = GeneratorHarness.Run(Service());
        var edited = Edit(RepresentativeService.Resources, "    [Sortable]\n    public DateTimeOffset DueAt", "    public DateTimeOffset DueAt");

        var second = GeneratorHarness.Run(Replace(first.Input, ResourcesPath, edited), first.Driver);

        Assert.Contains(Reasons(second, TrackingNames.ResourceSpecs), reason => reason == IncrementalStepRunReason.Modified);
        Assert.DoesNotContain("ListByDueAt", second.Source("Shop.Api.Ticket.Store.g.cs"), StringComparison.Ordinal);
        AssertSameAsAFreshRun(second);
    }

    [Fact]
    public void AddingARequestMemberReachesTheCrudAssignment()
    {
        // The request type lives beside the resource; the endpoint class's file does not change.
        var first = GeneratorHarness.Run(Service());
        var edited = Edit(
            RepresentativeService.Resources,
            "    DateTimeOffset? DueAt = null);",
            "    DateTimeOffset? DueAt = null,\n    int? Estimate = null);");

        var second = GeneratorHarness.Run(Replace(first.Input, ResourcesPath, edited), first.Driver);

        Assert.Contains(Reasons(second, TrackingNames.EndpointSpecs), reason => reason == IncrementalStepRunReason.Modified);
        Assert.Contains("estimate: global::SecureApi.Data.Change.UnlessNull<int?>(body.Estimate)", second.Source("Shop.Api.TicketsApi.Endpoints.g.cs"), StringComparison.Ordinal);
        AssertSameAsAFreshRun(second);
        Assert.Empty(second.CompilationProblems);
    }

    [Fact]
    public void AddingAResourceProducesItsStore()
    {
        var first = GeneratorHarness.Run(Service());
        var added = """
            namespace Shop.Api;

            [Resource("bins")]
            public sealed record Bin
            {
                [Key]
                public Guid Id { get; init; }

                [Owner]
                public string OwnerId { get; init; } = "";

                [MaxLength(20)]
                public string Label { get; init; } = "";
            }
            """;

        var second = GeneratorHarness.Run(first.Input.AddSyntaxTrees(GeneratorHarness.Parse(added, "Bin.cs")), first.Driver);

        Assert.Contains(Reasons(second, TrackingNames.Resources), reason => reason == IncrementalStepRunReason.New);
        Assert.Contains(Reasons(second, TrackingNames.ResourceSpecs), reason => reason == IncrementalStepRunReason.New);
        Assert.Contains("public sealed class BinStore(", second.Source("Shop.Api.Bin.Store.g.cs"), StringComparison.Ordinal);
        Assert.Empty(second.CompilationProblems);
    }

    [Fact]
    public void RemovingTheAdminClassRoleReportsSapi011()
    {
        var first = GeneratorHarness.Run(Service());
        var edited = Edit(RepresentativeService.ResourceEndpoints, "[Endpoints(\"/admin/tickets\"), RequireRole(\"admin\")]", "[Endpoints(\"/admin/tickets\")]");

        var second = GeneratorHarness.Run(Replace(first.Input, ResourceEndpointsPath, edited), first.Driver);

        Assert.Empty(first.Diagnostics);
        Assert.Equal(["SAPI011", "SAPI011", "SAPI011"], second.Diagnostics.Select(d => d.Id));
        AssertSameAsAFreshRun(second);
    }

    [Fact]
    public void EditingAnUnrelatedClassWithASchemaSnapshotKeepsEveryStepCached()
    {
        var first = GeneratorHarness.Run(Service(Unrelated), SnapshotDriver());
        var edited = Unrelated.Replace("value * 2", "value + value", StringComparison.Ordinal);

        var second = GeneratorHarness.Run(Replace(first.Input, GeneratorHarness.SourcePath(RepresentativeService.Sources.Length), edited), first.Driver);

        Assert.Contains("public const int Value = 1;", second.Source("SecureApiSchemaVersion.g.cs"), StringComparison.Ordinal);
        AssertAllCached(second);
    }

    [Fact]
    public void EditingAnUnrelatedAdditionalFileKeepsEveryStepCached()
    {
        var notes = new InMemoryAdditionalText("/project/notes.txt", "first");
        var first = GeneratorHarness.Run(Service(), SnapshotDriver(notes));

        var second = GeneratorHarness.Run(first.Input, first.Driver.ReplaceAdditionalText(notes, new InMemoryAdditionalText("/project/notes.txt", "second")));

        Assert.Empty(second.Diagnostics);
        AssertAllCached(second);
    }

    [Fact]
    public void EditingTheSchemaSnapshotReachesTheCompiledInVersion()
    {
        var snapshot = RepresentativeSnapshot();
        var first = GeneratorHarness.Run(Service(), GeneratorHarness.CreateDriver(snapshot));
        var bumped = new InMemoryAdditionalText(SnapshotPath, s_snapshot.Value.Replace("\"version\": 1,", "\"version\": 7,", StringComparison.Ordinal));

        var second = GeneratorHarness.Run(first.Input, first.Driver.ReplaceAdditionalText(snapshot, bumped));

        Assert.Contains(Reasons(second, TrackingNames.SchemaVersion), reason => reason == IncrementalStepRunReason.Modified);
        Assert.Contains("public const int Value = 7;", second.Source("SecureApiSchemaVersion.g.cs"), StringComparison.Ordinal);
        var fresh = GeneratorHarness.Run(second.Input, GeneratorHarness.CreateDriver(bumped));
        Assert.Equal(
            fresh.Result.GeneratedSources.Select(s => (s.HintName, Text: s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal),
            second.Result.GeneratedSources.Select(s => (s.HintName, Text: s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal));
    }

    [Fact]
    public void StepOutputsHoldNoSymbolsSyntaxOrCompilations()
    {
        var run = GeneratorHarness.Run(Service());

        foreach (var name in s_stepNames)
        {
            foreach (var (value, _) in run.Result.TrackedSteps[name].SelectMany(step => step.Outputs))
            {
                AssertPlainValue(value, name, depth: 0);
            }
        }
    }

    [Fact]
    public void EditingAMethodBodyInALargeServiceLeavesEveryEmitStepCached()
    {
        // 30 resources and 210 endpoints: each class, each store and every assembly-wide file is an output of its own.
        const int resources = 30;
        var first = GeneratorHarness.Run(GeneratorHarness.Compile(SyntheticService.Sources(resources, endpointsPerClass: 7)));
        Assert.Empty(first.Diagnostics);
        var edited = SyntheticService.Unrelated.Replace("value * 2", "value + value", StringComparison.Ordinal);

        var second = GeneratorHarness.Run(Replace(first.Input, GeneratorHarness.SourcePath(resources), edited), first.Driver);

        // Every generated file is the output of a source-output step (the emit), and each one was reused, not run again.
        var emitted = second.Result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs).ToList();
        Assert.True(emitted.Count >= second.Result.GeneratedSources.Length, $"{emitted.Count} emit step outputs for {second.Result.GeneratedSources.Length} files");
        Assert.All(emitted, output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
        AssertAllCached(second);
    }

    private const string SnapshotPath = "/project/secureapi.schema.json";

    private static readonly Lazy<string> s_snapshot = new(() => SchemaSnapshotTests.SnapshotText(GeneratorHarness.Run(Service())));

    /// <summary>The representative service's own snapshot, up to date (version 1), as an AdditionalFiles item.</summary>
    private static InMemoryAdditionalText RepresentativeSnapshot() => new(SnapshotPath, s_snapshot.Value);

    /// <summary>A driver given the representative snapshot, plus <paramref name="others"/>.</summary>
    private static GeneratorDriver SnapshotDriver(params AdditionalText[] others) => GeneratorHarness.CreateDriver([RepresentativeSnapshot(), .. others]);

    private static Microsoft.CodeAnalysis.CSharp.CSharpCompilation Service(params string[] extra) =>
        GeneratorHarness.Compile([.. RepresentativeService.Sources, .. extra]);

    private static readonly string ResourcesPath = GeneratorHarness.SourcePath(Array.IndexOf(RepresentativeService.Sources, RepresentativeService.Resources));

    private static readonly string ResourceEndpointsPath = GeneratorHarness.SourcePath(Array.IndexOf(RepresentativeService.Sources, RepresentativeService.ResourceEndpoints));

    private static string Edit(string source, string find, string replacement)
    {
        Assert.Contains(find, source, StringComparison.Ordinal);
        return source.Replace(find, replacement, StringComparison.Ordinal);
    }

    /// <summary>An incremental run must produce exactly what a new driver produces from the same compilation.</summary>
    private static void AssertSameAsAFreshRun(GeneratorRun incremental)
    {
        var fresh = GeneratorHarness.Run(incremental.Input);
        Assert.Equal(
            fresh.Result.GeneratedSources.Select(s => (s.HintName, Text: s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal),
            incremental.Result.GeneratedSources.Select(s => (s.HintName, Text: s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal));
        Assert.Equal(fresh.Diagnostics.Select(d => d.ToString()), incremental.Diagnostics.Select(d => d.ToString()));
    }

    private static Compilation Replace(Compilation compilation, string path, string source) =>
        compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(tree => tree.FilePath == path), GeneratorHarness.Parse(source, path));

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRun run, string stepName) =>
        run.Result.TrackedSteps[stepName].SelectMany(step => step.Outputs).Select(output => output.Reason);

    private static void AssertAllCached(GeneratorRun run)
    {
        var changed = s_stepNames
            .Where(run.Result.TrackedSteps.ContainsKey)
            .SelectMany(name => Reasons(run, name).Select(reason => (Step: name, Reason: reason)))
            .Concat(run.Result.TrackedOutputSteps.SelectMany(step => step.Value.SelectMany(s => s.Outputs).Select(output => (Step: step.Key, output.Reason))))
            .Where(output => output.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .ToList();

        Assert.True(changed.Count == 0, "Steps that re-ran with a different result: " + string.Join(", ", changed.Select(c => $"{c.Step}={c.Reason}")));
    }

    /// <summary>
    /// Walks a step output through the generator's own model types and collections, failing on anything that would hold
    /// a compilation alive or compare by reference.
    /// </summary>
    private static void AssertPlainValue(object? value, string step, int depth)
    {
        if (value is null or string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.True(depth < 20, $"Step '{step}' output nests too deeply (a cycle?).");
        Assert.False(
            value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location or AttributeData or TypedConstant,
            $"Step '{step}' output holds a {value.GetType().Name}: models must hold plain values only.");
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertPlainValue(item, step, depth + 1);
            }

            return;
        }

        if (value.GetType().Assembly != typeof(SecureApiGenerator).Assembly)
        {
            return; // a value type from elsewhere, such as TextSpan
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            AssertPlainValue(property.GetValue(value), step, depth + 1);
        }
    }
}
