namespace SecureApi.Monitoring;

/// <summary>One block in force.</summary>
/// <param name="Kind"><c>ip</c> (a client address) or <c>caller</c> (a caller's subject, whatever credential it uses).</param>
/// <param name="Value">The address or the subject.</param>
/// <param name="Reason">The detector that blocked it.</param>
/// <param name="RemainingSeconds">Seconds until it expires on its own.</param>
public sealed record ActiveBlock(string Kind, string Value, string Reason, long RemainingSeconds);
