using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.IntegrationTests;

/// <summary>Starts a <see cref="TestServiceFactory"/> on real Kestrel, plain HTTP on a free loopback port.</summary>
internal static class KestrelHost
{
    public static Uri StartHttp(TestServiceFactory factory)
    {
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }
}
