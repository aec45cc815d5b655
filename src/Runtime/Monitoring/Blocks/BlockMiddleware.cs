using Microsoft.AspNetCore.Http;
using SecureApi.Monitoring.Detection;

namespace SecureApi.Monitoring.Blocks;

/// <summary>
/// Refuses a blocked offender with 403 ProblemDetails before anything else runs for it. Twice in the pipeline: the
/// client address before authentication (a blocked address spends nothing, not even a key lookup), the caller after
/// it (a blocked agent there too: its key, so the user it acts for is still served). 403 rather than 429: a block is a decision about who the client is, not how fast it asks; a 429 would invite
/// clients' retry logic to keep knocking, and its Retry-After would tell an attacker the second to resume.
/// </summary>
internal sealed class BlockMiddleware(RequestDelegate next, BlockList blocks, string kind)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var caller = kind == BlockKinds.Ip ? null : Caller.Find(context);
        var value = kind == BlockKinds.Ip
            ? context.Connection.RemoteIpAddress?.ToString()
            : caller?.Subject;
        if ((value is not null && await blocks.BlockedForAsync(kind, value) is not null)
            || (SecureApi.AiGuards.AgentIdentity.KeyOf(caller) is { } agent && await blocks.BlockedForAsync(BlockKinds.Agent, agent) is not null))
        {
            await Answer.ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static readonly Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Answer = TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Blocked.",
        detail: "This client was blocked after abusive requests; the block ends on its own.");
}
