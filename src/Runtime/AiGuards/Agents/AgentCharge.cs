namespace SecureApi.AiGuards;

/// <summary>What charging an agent's budget decided.</summary>
/// <param name="Admitted">Whether the units were charged; false: the budget cannot take them now.</param>
/// <param name="Remaining">Units left in the budget's window after this charge (for a caller that is not an agent, <see cref="long.MaxValue"/>).</param>
/// <param name="RetryAfter">When refused, how long until the window resets (rounded up to whole seconds); null when waiting cannot help (more units than the whole budget).</param>
public readonly record struct AgentCharge(bool Admitted, long Remaining, TimeSpan? RetryAfter);
