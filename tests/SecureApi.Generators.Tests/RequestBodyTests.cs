using System.Runtime.Loader;

namespace SecureApi.Generators.Tests;

/// <summary>Request body types: what the generated JSON metadata keeps, and which member shapes are refused.</summary>
public sealed class RequestBodyTests
{
    [Fact]
    public void InitOnlyMemberAbsentFromJsonKeepsItsInitializer()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop;

            public sealed record NewOrder([MaxLength(10)] string Customer)
            {
                public int Priority { get; init; } = 1;
            }

            [Endpoints("/orders")]
            public partial class OrdersApi
            {
                [Post("")]
                public void Create(NewOrder body) { }
            }

            public static class Probe
            {
                public static int Priority(string json) =>
                    System.Text.Json.JsonSerializer.Deserialize(json, SecureApi.Generated.SecureApiJsonContext.Default.NewOrder)!.Priority;
            }
            """);
        Assert.Empty(run.CompilationProblems);

        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext(nameof(InitOnlyMemberAbsentFromJsonKeepsItsInitializer), isCollectible: true);
        try
        {
            var priority = context.LoadFromStream(image).GetType("Shop.Probe")!.GetMethod("Priority")!;

            Assert.Equal(1, priority.Invoke(null, ["{\"customer\":\"ann\"}"]));
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void ReportsDictionaryRequestMemberOnTheMember()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop;

            public sealed record NewThing([MaxLength(10)] string Name, Dictionary<string, string> Labels);

            [Endpoints("/things")]
            public partial class ThingsApi
            {
                [Post("")]
                public void Create(NewThing body) { }
            }
            """);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SAPI008", diagnostic.Id);
        Assert.Equal("Labels", run.TextAt(diagnostic));
    }
}
