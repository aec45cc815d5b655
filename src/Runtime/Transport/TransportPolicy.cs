using System.Net;
using System.Security.Authentication;

namespace SecureApi.Transport;

/// <summary>Whether a request arrived over a transport SecureApi serves; the reason when it did not.</summary>
internal static class TransportPolicy
{
    /// <summary>
    /// Null when the request may be served. HTTPS must have negotiated TLS 1.2 or 1.3. Plain HTTP: outside Development
    /// never (HTTPS redirection has already redirected what it could); in Development only on a loopback address. With
    /// <paramref name="requireHttps"/> false (set explicitly), plain HTTP is served everywhere.
    /// </summary>
    /// <param name="localAddress">
    /// The address the connection arrived on. Null means there is no network connection (the in-memory TestServer):
    /// nothing to bind to a network interface, so Development serves it; outside Development HTTPS is still required.
    /// </param>
    public static string? Refusal(bool isHttps, SslProtocols? tlsVersion, IPAddress? localAddress, bool development, bool requireHttps)
    {
        if (isHttps)
        {
            // Only a hand-built HttpsConnectionAdapterOptions can get here with an older version (the defaults forbid it).
            return tlsVersion is null or SslProtocols.Tls12 or SslProtocols.Tls13
                ? null
                : "This connection negotiated a TLS version older than 1.2. Connect with TLS 1.2 or 1.3.";
        }

        if (!requireHttps)
        {
            return null;
        }

        if (!development)
        {
            return "This API is served over HTTPS only.";
        }

        return localAddress is null || IsLoopback(localAddress)
            ? null
            : "In Development, plain HTTP is served on a loopback address only. Use HTTPS, or call the service on 127.0.0.1.";
    }

    private static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
