namespace SecureApi.Monitoring;

/// <summary>
/// One security event, with the fields every event carries. Values are names, ids and categories only: never a
/// credential, a body value or a query value.
/// </summary>
/// <param name="Kind">What happened (its value is the stable event id).</param>
/// <param name="Time">When, by the service's <see cref="TimeProvider"/>.</param>
/// <param name="Endpoint">The endpoint's name, or the request's method and path pattern when it matched none.</param>
/// <param name="Caller">The caller's subject, or <c>anonymous</c>.</param>
/// <param name="ClientKind"><c>user</c>, <c>service</c>, <c>agent</c> or <c>anonymous</c>.</param>
/// <param name="ClientIp">The client address (after trusted proxies only), or <c>-</c> outside a request.</param>
/// <param name="TraceId">The W3C trace id, or the request's identifier.</param>
/// <param name="Detail">The kind's detail (see <see cref="SecurityEventKind"/>), or null.</param>
public sealed record SecurityEvent(
    SecurityEventKind Kind,
    DateTimeOffset Time,
    string Endpoint,
    string Caller,
    string ClientKind,
    string ClientIp,
    string TraceId,
    string? Detail)
{
    /// <summary>
    /// For an agent caller, the agent acting for <see cref="Caller"/> (the <c>act</c> claim's <c>sub</c>, or <c>key:{id}</c>
    /// for an agent API key); null otherwise. Detectors count an agent's events as the agent's, never its user's.
    /// </summary>
    public string? Actor { get; init; }
}
