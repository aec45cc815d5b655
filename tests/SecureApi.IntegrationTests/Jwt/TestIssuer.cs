using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>
/// An OpenID Connect issuer on a free loopback port, over HTTPS with a certificate made for the test: a discovery
/// document and a JWKS whose keys the test can rotate.
/// </summary>
internal sealed class TestIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, RSA> _keys = [];
    private volatile string[] _published = [];

    private TestIssuer(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The issuer URL: the authority, and the <c>iss</c> of its tokens.</summary>
    public string Url { get; private set; } = "";

    public static async Task<TestIssuer> StartAsync()
    {
        var certificate = SelfSignedCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen =>
            listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = certificate })));
        var app = builder.Build();
        var issuer = new TestIssuer(app, certificate);
        app.MapGet("/.well-known/openid-configuration", () => Results.Text(
            new JsonObject { ["issuer"] = issuer.Url, ["jwks_uri"] = issuer.Url + "/jwks" }.ToJsonString(), "application/json"));
        app.MapGet("/jwks", () => Results.Text(issuer.Jwks(), "application/json"));
        await app.StartAsync();
        issuer.Url = app.Urls.Single().TrimEnd('/');
        return issuer;
    }

    /// <summary>Publishes exactly these key ids (creating keys as needed); the JWKS answers with them from now on.</summary>
    public void Publish(params string[] kids)
    {
        lock (_keys)
        {
            foreach (var kid in kids)
            {
                if (!_keys.ContainsKey(kid))
                {
                    _keys[kid] = RSA.Create(2048);
                }
            }
        }

        _published = kids;
    }

    /// <summary>A good access token signed with key <paramref name="kid"/>.</summary>
    public string Token(string kid)
    {
        var claims = TestTokens.Claims();
        claims["iss"] = Url;
        lock (_keys)
        {
            return TestTokens.Rs256(_keys[kid], claims, kid);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Certificate.Dispose();
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }

    private string Jwks()
    {
        var keys = new JsonArray();
        lock (_keys)
        {
            foreach (var kid in _published)
            {
                var parameters = _keys[kid].ExportParameters(includePrivateParameters: false);
                keys.Add(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = kid,
                    ["n"] = TestTokens.Base64Url(parameters.Modulus!),
                    ["e"] = TestTokens.Base64Url(parameters.Exponent!),
                });
            }
        }

        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }
}
