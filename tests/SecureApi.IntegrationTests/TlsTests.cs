using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Kestrel's HTTPS endpoints negotiate TLS 1.2 and 1.3 only: over real Kestrel on 127.0.0.1 in Production, the HTTPS
/// endpoint configured the ordinary ways (<c>UseHttps(certificate)</c>, Kestrel endpoint settings), with a certificate
/// made for the test. The TLS 1.1
/// client is OpenSSL's, which still speaks TLS 1.1 at security level 0; each refusal test first proves that against an
/// OpenSSL server, so a refusal cannot come from a client that never tried.
/// </summary>
public sealed class TlsTests
{
    private const string HostName = "api.example.test";

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task AHandshakeSucceedsWith(SslProtocols version)
    {
        using var certificate = TestCertificate.Create(HostName);
        await using var factory = StartKestrel(certificate, out var https);

        var negotiated = await HandshakeAsync(https, certificate, version);

        Assert.Equal(version, negotiated);
    }

    [Fact]
    public async Task ATls11HandshakeIsRefused()
    {
        using var certificate = TestCertificate.Create(HostName);
        var files = Directory.CreateTempSubdirectory("secureapi-tls-");
        try
        {
            var (certificateFile, keyFile) = TestCertificate.WritePem(certificate, files.FullName);
            Assert.True(await ControlServerAcceptsTls11Async(certificateFile, keyFile), "OpenSSL could not complete a TLS 1.1 handshake with an OpenSSL server: a refusal by SecureApi would prove nothing.");
            using var service = await StartServiceProcessAsync(certificateFile, keyFile, files.FullName);

            var completed = await OpenSslTls11HandshakeAsync(service.Address.Port);

            Assert.False(completed, "Kestrel completed a TLS 1.1 handshake.");
        }
        finally
        {
            files.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AnHttpsResponseNamesNoServer()
    {
        using var certificate = TestCertificate.Create(HostName);
        await using var factory = StartKestrel(certificate, out var https);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { TargetHost = HostName, RemoteCertificateValidationCallback = (_, presented, _, _) => IsTheCertificate(presented, certificate) },
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(https, "/probe/health"));
        request.Headers.Host = HostName;

        using var response = await client.SendAsync(request);

        Assert.False(response.Headers.Contains("Server"), $"{(int)response.StatusCode} response carries Server: {string.Join(", ", response.Headers.Server)}");
    }

    /// <summary>The test service in Production with one HTTPS endpoint on a free loopback port.</summary>
    private static TestServiceFactory StartKestrel(X509Certificate2 certificate, out Uri https)
    {
        var factory = new TestServiceFactory { Environment = "Production" };
        try
        {
            factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
            factory.StartServer();
            https = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            return factory;
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    private static async Task<SslProtocols> HandshakeAsync(Uri server, X509Certificate2 certificate, SslProtocols version)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.Port);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = HostName,
            EnabledSslProtocols = version,
            RemoteCertificateValidationCallback = (_, presented, _, _) => IsTheCertificate(presented, certificate),
        });
        return tls.SslProtocol;
    }

    private static bool IsTheCertificate(X509Certificate? presented, X509Certificate2 certificate) =>
        presented is not null && presented.GetCertHashString() == certificate.GetCertHashString();

    /// <summary>An OpenSSL server restricted to TLS 1.1 on a free loopback port, and the same client command as against Kestrel.</summary>
    private static async Task<bool> ControlServerAcceptsTls11Async(string certificateFile, string keyFile)
    {
        using var server = OpenSsl("s_server", "-accept", "127.0.0.1:0", "-cert", certificateFile, "-key", keyFile, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0", "-naccept", "1");
        try
        {
            // s_server prints "ACCEPT 127.0.0.1:<port>" once it listens; its standard input stays open so it does not quit.
            string? line;
            while ((line = await server.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("ACCEPT ", StringComparison.Ordinal))
            {
            }

            Assert.NotNull(line);
            return await OpenSslTls11HandshakeAsync(int.Parse(line[(line.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }

    /// <summary>
    /// <c>openssl s_client -tls1_1 -cipher DEFAULT@SECLEVEL=0</c> against 127.0.0.1: true when the handshake completed
    /// (exit code 0 and a negotiated cipher suite).
    /// </summary>
    private static async Task<bool> OpenSslTls11HandshakeAsync(int port)
    {
        using var client = OpenSsl("s_client", "-connect", $"127.0.0.1:{port}", "-servername", HostName, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
        client.StandardInput.Close(); // handshake, then end of input: s_client closes the connection and exits
        var output = await client.StandardOutput.ReadToEndAsync();
        await client.WaitForExitAsync();
        return client.ExitCode == 0 && output.Contains("Cipher is ", StringComparison.Ordinal) && !output.Contains("Cipher is (NONE)", StringComparison.Ordinal);
    }

    /// <summary>
    /// The test service as a child process in Production, its HTTPS endpoint from Kestrel settings (certificate from PEM
    /// files), under an OpenSSL configuration that allows TLS 1.0 and 1.1 at security level 0. Run in this process, .NET's
    /// OpenSSL would refuse TLS 1.1 by its own default security level whatever SecureApi configured, and the test could
    /// not tell the difference; in the child, SecureApi's TLS versions are all that stands in the way.
    /// </summary>
    private static async Task<ServiceProcess> StartServiceProcessAsync(string certificateFile, string keyFile, string directory)
    {
        var openSslConfig = Path.Combine(directory, "openssl-legacy.cnf");
        await File.WriteAllTextAsync(openSslConfig, """
            openssl_conf = openssl_init
            [openssl_init]
            ssl_conf = ssl_section
            [ssl_section]
            system_default = system_default_section
            [system_default_section]
            MinProtocol = TLSv1
            CipherString = DEFAULT@SECLEVEL=0
            """);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SecureApi.TestService.dll"));
        start.Environment["OPENSSL_CONF"] = openSslConfig;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "";
        start.Environment["Kestrel__Endpoints__Https__Url"] = "https://127.0.0.1:0";
        start.Environment["Kestrel__Endpoints__Https__Certificate__Path"] = certificateFile;
        start.Environment["Kestrel__Endpoints__Https__Certificate__KeyPath"] = keyFile;
        start.Environment["SecureApi__Database__SqlitePath"] = Path.Combine(directory, "secureapi.db");
        var (process, address) = await ServiceOutput.StartAsync(start, TimeSpan.FromSeconds(60), "test service");
        return new ServiceProcess(process, address);
    }

    private sealed record ServiceProcess(Process Process, Uri Address) : IDisposable
    {
        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }

    private static Process OpenSsl(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start: install the openssl package.");
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }
}
