namespace SecureApi.Monitoring;

/// <summary>
/// Receives every alert the detectors raise (register as a singleton <c>IAlertSink</c>). Called from a background queue,
/// never on a request: a slow sink delays alerts, not answers. Throw to have the alert retried with backoff.
/// </summary>
public interface IAlertSink
{
    ValueTask SendAsync(SecurityAlert alert, CancellationToken cancellationToken);
}
