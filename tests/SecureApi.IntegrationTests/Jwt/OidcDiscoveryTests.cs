using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>
/// <c>Authority</c>: keys come from the issuer's discovery document and JWKS over HTTPS (a loopback issuer whose
/// certificate only this test trusts). Keys rotate during each test; polling waits for the refresh, which
/// <c>MinimumRefreshInterval</c> (1 s here) rate-limits.
/// </summary>
public sealed class OidcDiscoveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ATokenSignedWithAPublishedKeyIsAccepted()
    {
        await using var issuer = await TestIssuer.StartAsync();
        issuer.Publish("k1");
        await using var service = Service(issuer, trustIssuer: true);

        using var response = await Send(service, issuer.Token("k1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ANewlyPublishedKeyIsPickedUp()
    {
        await using var issuer = await TestIssuer.StartAsync();
        issuer.Publish("k1");
        await using var service = Service(issuer, trustIssuer: true);
        (await Send(service, issuer.Token("k1"))).Dispose(); // the service has fetched the keys once
        issuer.Publish("k1", "k2");

        var status = await PollAsync(service, issuer.Token("k2"), until: HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task ARemovedKeyStopsWorkingOnceTheKeysAreFetchedAgain()
    {
        await using var issuer = await TestIssuer.StartAsync();
        issuer.Publish("k1");
        await using var service = Service(issuer, trustIssuer: true);
        var before = (await Send(service, issuer.Token("k1"))).StatusCode;
        issuer.Publish("k2");

        // The first k2 token names an unknown kid, which makes the service fetch the keys again.
        var replacement = await PollAsync(service, issuer.Token("k2"), until: HttpStatusCode.OK);
        using var removed = await Send(service, issuer.Token("k1"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (before, replacement, removed.StatusCode));
    }

    [Fact]
    public async Task AnIssuerWhoseCertificateIsNotTrustedAuthenticatesNoOne()
    {
        await using var issuer = await TestIssuer.StartAsync();
        issuer.Publish("k1");
        await using var service = Service(issuer, trustIssuer: false);

        using var response = await Send(service, issuer.Token("k1"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    internal static TestServiceFactory Service(TestIssuer issuer, bool trustIssuer)
    {
        var factory = new TestServiceFactory
        {
            // The backchannel trusts the issuer's certificate, in this test only, by its exact hash.
            TestServices = trustIssuer
                ? services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                    options.BackchannelHttpHandler = new SocketsHttpHandler
                    {
                        SslOptions =
                        {
                            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                                presented is not null && presented.GetCertHashString() == issuer.Certificate.GetCertHashString(),
                        },
                    })
                : null,
        };
        factory.Settings["SecureApi:Authentication:Jwt:Authority"] = issuer.Url;
        factory.Settings["SecureApi:Authentication:Jwt:Audiences:0"] = TestTokens.Audience;
        factory.Settings["SecureApi:Authentication:Jwt:MinimumRefreshInterval"] = "00:00:01";
        return factory;
    }

    internal static async Task<HttpResponseMessage> Send(TestServiceFactory service, string token)
    {
        using var client = service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/widgets/me");
    }

    /// <summary>Sends <paramref name="token"/> until the answer is <paramref name="until"/> or patience runs out; returns the last answer.</summary>
    internal static async Task<HttpStatusCode> PollAsync(TestServiceFactory service, string token, HttpStatusCode until)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            using var response = await Send(service, token);
            if (response.StatusCode == until || DateTimeOffset.UtcNow > deadline)
            {
                return response.StatusCode;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
