using System.ComponentModel.DataAnnotations;
using SecureApi.AiGuards;

namespace SecureApi.TestService;

/// <summary>Work an agent pays for in <c>tokens</c> (declared under <c>SecureApi:Agents:Units</c> by the tests that call it).</summary>
[Endpoints("/agent-work")]
public sealed partial class AgentWorkApi(AgentBudget budget)
{
    [Post("")]
    public async Task<WorkDone> Work(WorkOrder body, Caller caller, CancellationToken cancellationToken)
    {
        await budget.ChargeAsync(caller, "tokens", body.Tokens, cancellationToken);
        return new WorkDone(body.Tokens);
    }
}

public sealed record WorkOrder([Range(0, 1_000_000)] int Tokens);

public sealed record WorkDone(int Charged);
