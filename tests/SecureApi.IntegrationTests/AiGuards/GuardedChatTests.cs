using System.Security.Claims;
using Microsoft.Extensions.AI;
using SecureApi.AiGuards;

namespace SecureApi.IntegrationTests.AiGuards;

/// <summary>
/// The tool loop runs only the request's caller-scoped tools, for the bound caller, and sends their results back fenced;
/// a name or an argument the model makes up reaches nothing.
/// </summary>
public sealed class GuardedChatTests
{
    private static readonly Caller s_alice = Caller.Read(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "alice")], "test")))!;

    [Fact]
    public async Task AToolCallRunsForTheBoundCallerAndItsResultGoesBackFenced()
    {
        var tool = new EchoOwnerTool(s_alice);
        var model = new ScriptedChatClient(
            _ => ScriptedChatClient.Call("whose_data", new() { ["id"] = "n-1" }),
            _ => ScriptedChatClient.Answer("done"));
        var envelope = PromptEnvelope.Create("Answer.").AddUserContent("question", "whose?");

        var answer = await GuardedChat.CompleteAsync(model, envelope, [tool], CancellationToken.None);

        Assert.Equal(new GuardedAnswer("done", 1, 0), answer);
        Assert.Equal([("alice", "n-1")], tool.Calls);
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(model.Requests[1].Messages[^1].Contents));
        Assert.Equal(ChatRole.Tool, model.Requests[1].Messages[^1].Role);
        Assert.Equal("call-1", result.CallId);
        Assert.Equal($"<<<user-content {envelope.Fence} tool-result>>>\nowner alice, id n-1\n<<<end-user-content {envelope.Fence}>>>", result.Result);
    }

    [Fact]
    public async Task ANameThatIsNotOneOfTheToolsIsRefused()
    {
        var tool = new EchoOwnerTool(s_alice);
        var model = new ScriptedChatClient(
            _ => ScriptedChatClient.Call("admin_list_all_notes", new()),
            _ => ScriptedChatClient.Answer("done"));

        await GuardedChat.CompleteAsync(model, PromptEnvelope.Create("Answer."), [tool], CancellationToken.None);

        Assert.Empty(tool.Calls);
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(model.Requests[1].Messages[^1].Contents));
        Assert.Contains("refused: there is no tool named 'admin_list_all_notes'.", (string)result.Result!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnArgumentTheSchemaDoesNotDeclareIsRefusedBeforeTheToolRuns()
    {
        var tool = new EchoOwnerTool(s_alice);
        var model = new ScriptedChatClient(
            _ => ScriptedChatClient.Call("whose_data", new() { ["id"] = "n-1", ["ownerId"] = "bob" }),
            _ => ScriptedChatClient.Answer("done"));

        await GuardedChat.CompleteAsync(model, PromptEnvelope.Create("Answer."), [tool], CancellationToken.None);

        Assert.Empty(tool.Calls);
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(model.Requests[1].Messages[^1].Contents));
        Assert.Contains("refused: 'whose_data' has no argument 'ownerId'.", (string)result.Result!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModelThatKeepsCallingToolsMustAnswerWithoutThemAfterTheLastRound()
    {
        var tool = new EchoOwnerTool(s_alice);
        var model = new ScriptedChatClient(_ => ScriptedChatClient.Call("whose_data", new() { ["id"] = "again" }));

        var answer = await GuardedChat.CompleteAsync(model, PromptEnvelope.Create("Answer."), [tool], CancellationToken.None, maxToolRounds: 2);

        Assert.Equal(3, model.Requests.Count);
        Assert.Equal([true, true, false], model.Requests.Select(r => r.Options?.Tools?.Count > 0));
        Assert.Equal(2, answer.ToolCalls);
        Assert.Equal(2, tool.Calls.Count);
    }

    [Fact]
    public void ToolsDeclareTheirSchemaWithoutReflection()
    {
        var tool = new EchoOwnerTool(s_alice);

        Assert.Equal("object", tool.JsonSchema.GetProperty("type").GetString());
        Assert.True(tool.JsonSchema.GetProperty("properties").TryGetProperty("id", out _));
        Assert.Null(tool.UnderlyingMethod);
    }

    /// <summary>Says whose data it would read: the bound caller's, whatever the model asks.</summary>
    private sealed class EchoOwnerTool(Caller caller) : CallerScopedTool(caller, """{"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}""")
    {
        public List<(string Owner, string Id)> Calls { get; } = [];

        public override string Name => "whose_data";

        public override string Description => "Reads one of the caller's records.";

        protected override ValueTask<string> InvokeForCallerAsync(Caller caller, ToolArguments arguments, CancellationToken cancellationToken)
        {
            if (!arguments.TryGetString("id", out var id))
            {
                return ValueTask.FromResult(ToolArguments.Refusal("id is required."));
            }

            Calls.Add((caller.Subject, id));
            return ValueTask.FromResult($"owner {caller.Subject}, id {id}");
        }
    }
}
