namespace SecureApi.Monitoring;

/// <summary>
/// Told of every security event after it is logged (register as a singleton). Called inline on the request that
/// caused the event: do not block; hand slow work (network, disk) to a background queue.
/// </summary>
public interface ISecurityEventObserver
{
    void OnSecurityEvent(SecurityEvent securityEvent);
}
