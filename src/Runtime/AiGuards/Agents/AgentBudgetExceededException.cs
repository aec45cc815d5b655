namespace SecureApi.AiGuards;

/// <summary>
/// Thrown by <see cref="AgentBudget.ChargeAsync"/> when the calling agent's budget cannot take the units. A generated
/// endpoint answers it with 429 ProblemDetails, <c>Retry-After</c> and the budget's RateLimit headers.
/// </summary>
public sealed class AgentBudgetExceededException : Exception
{
    public AgentBudgetExceededException()
        : this("agent", (TimeSpan?)null)
    {
    }

    public AgentBudgetExceededException(string message)
        : base(message)
    {
        Unit = "agent";
    }

    public AgentBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
        Unit = "agent";
    }

    public AgentBudgetExceededException(string unit, TimeSpan? retryAfter)
        : base($"The agent's '{unit}' budget is spent for now.")
    {
        Unit = unit;
        RetryAfter = retryAfter;
    }

    /// <summary>The unit whose budget is spent.</summary>
    public string Unit { get; }

    /// <summary>How long until the budget's window resets, when waiting can help.</summary>
    public TimeSpan? RetryAfter { get; }
}
