using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Plain HTTP is never served by accident: outside Development a request HTTPS redirection could not redirect (no
/// HTTPS port known) is refused, and in Development plain HTTP is served on loopback only. Over real Kestrel on 127.0.0.1.
/// </summary>
public sealed class TransportPolicyTests
{
    [Fact]
    public async Task InProductionPlainHttpWithNoKnownHttpsPortIsRefused()
    {
        await using var factory = new TestServiceFactory { Environment = "Production" };
        var http = KestrelHost.StartHttp(factory);
        using var client = new HttpClient { BaseAddress = http };

        using var response = await client.GetAsync(new Uri("/probe/health", UriKind.Relative));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheRefusalCarriesTheSecurityHeaders()
    {
        await using var factory = new TestServiceFactory { Environment = "Production" };
        var http = KestrelHost.StartHttp(factory);
        using var client = new HttpClient { BaseAddress = http };

        using var response = await client.GetAsync(new Uri("/probe/health", UriKind.Relative));

        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
    }

    [Fact]
    public async Task InProductionPlainHttpIsServedWhenRequireHttpsIsTurnedOff()
    {
        await using var factory = new TestServiceFactory { Environment = "Production" };
        factory.Settings["SecureApi:RequireHttps"] = "false";
        var http = KestrelHost.StartHttp(factory);
        using var client = new HttpClient { BaseAddress = http };

        using var response = await client.GetAsync(new Uri("/probe/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task InDevelopmentPlainHttpOnLoopbackIsServed()
    {
        await using var factory = new TestServiceFactory();
        var http = KestrelHost.StartHttp(factory);
        using var client = new HttpClient { BaseAddress = http };

        using var response = await client.GetAsync(new Uri("/probe/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// The connection arrives on 127.0.0.1 (tests send traffic to loopback only); a startup filter ahead of the whole
    /// pipeline makes it look as if it had arrived on 192.0.2.2, a non-loopback address, as when Kestrel listens on
    /// 0.0.0.0 and a neighbour on the network calls.
    /// </summary>
    [Fact]
    public async Task InDevelopmentPlainHttpOnANonLoopbackAddressIsRefused()
    {
        await using var factory = new TestServiceFactory { TestServices = services => services.AddSingleton<IStartupFilter>(new LocalAddressFilter(IPAddress.Parse("192.0.2.2"))) };
        var http = KestrelHost.StartHttp(factory);
        using var client = new HttpClient { BaseAddress = http };

        using var response = await client.GetAsync(new Uri("/probe/health", UriKind.Relative));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    private sealed class LocalAddressFilter(IPAddress local) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.LocalIpAddress = local;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
