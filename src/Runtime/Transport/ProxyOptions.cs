namespace SecureApi.Transport;

/// <summary>
/// The <c>SecureApi:ForwardedHeaders</c> section: the proxies whose <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and
/// <c>X-Forwarded-Host</c> are believed. Default: none, so no forwarded header changes anything, from any address,
/// loopback included.
/// </summary>
public sealed class ProxyOptions
{
    /// <summary>Addresses of trusted proxies (<c>10.0.0.5</c>, <c>2001:db8::5</c>).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation (<c>10.0.0.0/24</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies, counted from the service, may add an entry. Default 1: one proxy in front.</summary>
    public int ForwardLimit { get; set; } = 1;
}
