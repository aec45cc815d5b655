using Microsoft.Extensions.AI;

namespace SecureApi.AiGuards;

/// <summary>
/// One exchange with a model through <see cref="IChatClient"/>: the envelope's messages go out with the request's
/// <see cref="CallerScopedTool"/>s, the tool calls the model asks for are run — only those tools, for the bound caller —
/// and their results go back fenced, until the model answers. A name that is not one of the tools gets a refusal, never
/// a lookup elsewhere; after <c>maxToolRounds</c> the model is asked once more without tools, so it must answer.
/// </summary>
public static partial class GuardedChat
{
    /// <summary>Rounds of tool calls before the model must answer without tools.</summary>
    public const int DefaultMaxToolRounds = 4;

    /// <summary>Tool calls carried out per round; more in one response are refused.</summary>
    public const int MaxCallsPerRound = 8;

    public static async Task<GuardedAnswer> CompleteAsync(
        IChatClient chat,
        PromptEnvelope envelope,
        IReadOnlyList<CallerScopedTool> tools,
        CancellationToken cancellationToken,
        int maxToolRounds = DefaultMaxToolRounds)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentOutOfRangeException.ThrowIfNegative(maxToolRounds);

        var options = tools.Count == 0 ? null : new ChatOptions { Tools = [.. tools], ToolMode = ChatToolMode.Auto };
        var toolCalls = 0;
        long tokens = 0;
        for (var round = 0; ; round++)
        {
            if (round == maxToolRounds)
            {
                options = null;
            }

            var response = await chat.GetResponseAsync(envelope.Messages, options, cancellationToken);
            tokens += response.Usage?.TotalTokenCount ?? 0;
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0 || options is null)
            {
                return new GuardedAnswer(response.Text, toolCalls, tokens);
            }

            foreach (var message in response.Messages)
            {
                envelope.Messages.Add(message);
            }

            var results = new List<AIContent>(calls.Count);
            for (var i = 0; i < calls.Count; i++)
            {
                var result = i < MaxCallsPerRound
                    ? await RunAsync(calls[i], tools, cancellationToken)
                    : ToolArguments.Refusal($"at most {MaxCallsPerRound} tool calls per answer round.");
                toolCalls++;
                results.Add(new FunctionResultContent(calls[i].CallId, envelope.Wrap("tool-result", result)));
            }

            envelope.Messages.Add(new ChatMessage(ChatRole.Tool, results));
        }
    }

    private static async Task<string> RunAsync(FunctionCallContent call, IReadOnlyList<CallerScopedTool> tools, CancellationToken cancellationToken)
    {
        foreach (var tool in tools)
        {
            if (string.Equals(tool.Name, call.Name, StringComparison.Ordinal))
            {
                var arguments = call.Arguments is null ? new AIFunctionArguments() : new AIFunctionArguments(call.Arguments);
                return await tool.InvokeAsync(arguments, cancellationToken) as string ?? "";
            }
        }

        return ToolArguments.Refusal($"there is no tool named '{ToolArguments.Printable(call.Name)}'.");
    }
}
