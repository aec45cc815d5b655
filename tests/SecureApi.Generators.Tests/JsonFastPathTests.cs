using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using SecureApi.Generators.Tests.Scenarios;
using SecureApi.Infrastructure;

namespace SecureApi.Generators.Tests;

/// <summary>
/// The generated JSON context's fast-path writers (<c>SerializeHandler</c>s with pre-encoded names), compiled and run:
/// for every written type of the representative service and of each scenario they write the bytes the metadata writes,
/// and System.Text.Json really calls them — on the strict options, and when streaming a response once its
/// small-payload heuristic has seen the type.
/// </summary>
public sealed class JsonFastPathTests
{
    private const string Representative = "RepresentativeService";

    public static TheoryData<string> Corpora => [Representative, .. SnapshotScenario.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Corpora))]
    public void EveryHandlerWritesTheBytesTheMetadataWrites(string corpus)
    {
        var differences = JsonFastPathCheck.Differences(Compile(corpus));

        Assert.True(differences.Count == 0, "The fast path and the metadata disagree:\n" + string.Join("\n", differences));
    }

    [Fact]
    public void TypesTheEndpointsWriteHaveAHandlerAndTypesOnlyReadHaveNone()
    {
        var handled = JsonFastPathCheck.Handled(JsonFastPathCheck.Default(Compile(Representative))).Select(info => Name(info.Type)).ToList();

        Assert.Equal(
            [
                "IReadOnlyList<OrderLine>", "IReadOnlyList<Shelf>", "IReadOnlyList<Ticket>", "Order", "OrderLine",
                "OrderSummary", "OrderSummary[]", "Page<Shelf>", "Page<Ticket>", "Shelf", "Ticket", "TicketHeadline",
            ],
            handled.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StrictOptionsUseTheHandlers()
    {
        var context = JsonFastPathCheck.Default(Compile(Representative));

        Assert.All(JsonFastPathCheck.Handled(context), info => Assert.True(JsonFastPathCheck.UsesHandler(info), $"{info.Type} is written through its metadata"));
    }

    [Fact]
    public async Task AStreamedResponseTakesTheHandlerOnceTheSmallPayloadHeuristicHasSeenTheType()
    {
        var contextType = Compile(Representative);
        var info = JsonFastPathCheck.Handled(JsonFastPathCheck.Default(contextType)).Single(i => Name(i.Type) == "Order");
        var value = JsonFastPathCheck.Build(info.Type, 2, depth: 0);
        var expected = JsonSerializer.SerializeToUtf8Bytes(value, JsonFastPathCheck.MetadataOnly(contextType).GetTypeInfo(info.Type)!);
        var write = typeof(Responses).GetMethod(nameof(Responses.JsonAsync))!.MakeGenericMethod(info.Type);

        // System.Text.Json streams a type through its handler after 10 writes of at most half its buffer each.
        byte[] written = [];
        for (var i = 0; i <= 10; i++)
        {
            var context = new DefaultHttpContext();
            using var body = new MemoryStream();
            context.Response.Body = body;
            await (Task)write.Invoke(null, [context, value, info, StatusCodes.Status200OK])!;
            written = body.ToArray();
        }

        Assert.True(StreamsThroughHandler(info), "Responses.JsonAsync still streams Order through its metadata");
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(written));
    }

    /// <summary>The corpus compiled with its generated source and loaded; returns its <c>SecureApiJsonContext</c> type.</summary>
    private static Type Compile(string corpus)
    {
        var sources = corpus == Representative ? RepresentativeService.Sources : SnapshotScenario.All.Single(s => s.Name == corpus).Sources;
        var run = GeneratorHarness.Run(sources);
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext(corpus).LoadFromStream(image).GetType("SecureApi.Generated.SecureApiJsonContext", throwOnError: true)!;
    }

    private static bool StreamsThroughHandler(JsonTypeInfo info) =>
        (bool)info.GetType().GetProperty("CanUseSerializeHandlerInStreaming", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(info)!;

    /// <summary><c>Page&lt;Shelf&gt;</c> for <c>SecureApi.Data.Page`1[Shop.Api.Shelf]</c>.</summary>
    private static string Name(Type type) =>
        type.IsArray ? Name(type.GetElementType()!) + "[]"
        : type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type.Name;
}
