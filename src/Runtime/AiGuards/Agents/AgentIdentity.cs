namespace SecureApi.AiGuards;

/// <summary>
/// Who an agent is for budgets, detectors and blocks: the actor (the <c>act</c> claim's <c>sub</c>; for an agent API key,
/// <c>key:{key_id}</c>) together with the subject it acts for, <c>{actor}@{subject}</c>, each part percent-escaped so
/// no actor or subject can make its key collide with another's. The user's own budget and blocks are never touched by
/// what an agent does for them, and one agent acting for two users is two agents.
/// </summary>
internal static class AgentIdentity
{
    /// <summary>What stands for the actor of an agent credential that names none (a <c>client_kind</c> claim alone).</summary>
    public const string Unnamed = "-";

    public static string ActorOf(Caller caller) =>
        caller.Actor ?? (caller.Principal.FindFirst("key_id")?.Value is { Length: > 0 } keyId ? "key:" + keyId : Unnamed);

    public static string Key(string actor, string subject) => Uri.EscapeDataString(actor) + "@" + Uri.EscapeDataString(subject);

    /// <summary>The agent's key, or null when the caller is not an agent.</summary>
    public static string? KeyOf(Caller? caller) =>
        caller is { ClientKind: ClientKind.Agent } agent ? Key(ActorOf(agent), agent.Subject) : null;
}
