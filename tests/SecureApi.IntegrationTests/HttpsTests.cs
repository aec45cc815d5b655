using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Outside Development, plain HTTP is redirected to HTTPS and HTTPS responses carry HSTS: over real Kestrel on
/// 127.0.0.1, with a self-signed certificate made for the test. The requests name a host other than 127.0.0.1 in
/// <c>Host</c>, because ASP.NET Core never sends HSTS to localhost names; they still only go to 127.0.0.1.
/// </summary>
public sealed class HttpsTests
{
    private const string HostName = "api.example.test";
    private const int ConfiguredHttpsPort = 8443;

    [Fact]
    public async Task InProductionPlainHttpIsRedirectedToTheConfiguredHttpsPort()
    {
        using var certificate = SelfSignedCertificate();
        await using var factory = StartKestrel("Production", certificate, out var http, out _);
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        using var response = await client.SendAsync(Request(http, "/probe/health"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri($"https://{HostName}:{ConfiguredHttpsPort}/probe/health"), response.Headers.Location);
    }

    [Fact]
    public async Task InProductionAnHttpsResponseCarriesStrictTransportSecurity()
    {
        using var certificate = SelfSignedCertificate();
        await using var factory = StartKestrel("Production", certificate, out _, out var https);
        using var client = TrustingClient(certificate);

        using var response = await client.SendAsync(Request(https, "/probe/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["max-age=2592000"], response.Headers.GetValues("Strict-Transport-Security"));
    }

    [Fact]
    public async Task InDevelopmentPlainHttpIsServedAndHttpsCarriesNoHsts()
    {
        using var certificate = SelfSignedCertificate();
        await using var factory = StartKestrel("Development", certificate, out var http, out var https);
        using var plain = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var secure = TrustingClient(certificate);

        using var overHttp = await plain.SendAsync(Request(http, "/probe/health"));
        using var overHttps = await secure.SendAsync(Request(https, "/probe/health"));

        Assert.Equal(HttpStatusCode.OK, overHttp.StatusCode);
        Assert.Equal(HttpStatusCode.OK, overHttps.StatusCode);
        Assert.False(overHttps.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>Kestrel on two free loopback ports, HTTP and HTTPS; <c>https_port</c> is what redirects must name.</summary>
    private static TestServiceFactory StartKestrel(string environment, X509Certificate2 certificate, out Uri http, out Uri https)
    {
        var factory = new TestServiceFactory { Environment = environment };
        try
        {
            factory.Settings["https_port"] = ConfiguredHttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            factory.UseKestrel(options =>
            {
                options.Listen(IPAddress.Loopback, 0);
                options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
            });
            factory.StartServer();
            var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            http = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)));
            https = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));
            return factory;
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    private static HttpRequestMessage Request(Uri server, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, path));
        request.Headers.Host = HostName;
        return request;
    }

    /// <summary>A client that trusts exactly <paramref name="certificate"/> and follows no redirect.</summary>
    private static HttpClient TrustingClient(X509Certificate2 certificate) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            TargetHost = HostName,
            RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString(),
        },
    });

    private static X509Certificate2 SelfSignedCertificate() => TestCertificate.Create(HostName);
}
