namespace SecureApi.AiGuards;

/// <summary>What <see cref="GuardedChat"/> got back: the model's final text, how many tool calls it made, and the tokens the provider reported.</summary>
/// <param name="Text">The answer. Untrusted model output: the output firewall filters it before it reaches a client.</param>
/// <param name="ToolCalls">Tool calls the model asked for (refused ones included).</param>
/// <param name="TotalTokens">The sum of the responses' reported token counts; 0 when the provider reports none.</param>
public sealed record GuardedAnswer(string Text, int ToolCalls, long TotalTokens);
