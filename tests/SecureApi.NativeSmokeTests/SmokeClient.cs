namespace SecureApi.NativeSmokeTests;

/// <summary>
/// An HTTP client for a smoke-tested service, standing where the TLS-terminating proxy stands: every request says it
/// arrived over HTTPS (<c>X-Forwarded-Proto</c>), which the service believes only because it trusts loopback as its proxy.
/// </summary>
internal static class SmokeClient
{
    public static HttpClient Create(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }
}
