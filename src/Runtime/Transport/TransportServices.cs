using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecureApi.Transport;

/// <summary>TLS versions, the CORS policy and the trusted proxies, from <see cref="SecureApiOptions"/>.</summary>
internal static class TransportServices
{
    /// <summary>The only TLS versions Kestrel's HTTPS endpoints negotiate: 1.0 and 1.1 are deprecated (RFC 8996).</summary>
    public const SslProtocols AllowedTlsVersions = SslProtocols.Tls12 | SslProtocols.Tls13;

    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<SecureApiOptions>, TransportSettingsValidator>();

        // Applies to every HTTPS endpoint Kestrel configures from settings, URLs or UseHttps(certificate). An endpoint
        // given a hand-built HttpsConnectionAdapterOptions bypasses it; TransportPolicyMiddleware refuses its requests.
        services.Configure<KestrelServerOptions>(kestrel => kestrel.ConfigureHttpsDefaults(https => https.SslProtocols = AllowedTlsVersions));

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<SecureApiOptions>>((cors, secureApi) => cors.AddDefaultPolicy(Policy(secureApi.Value.Cors)));

        // PostConfigure: whatever else configured these options (ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts every
        // address), only the configured proxies are trusted, and with none configured no header is read at all.
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IOptions<SecureApiOptions>>((forwarded, secureApi) => TrustOnly(forwarded, secureApi.Value.ForwardedHeaders));
    }

    private static CorsPolicy Policy(CrossOriginOptions settings)
    {
        var policy = new CorsPolicyBuilder()
            .WithMethods([.. settings.AllowedMethods])
            .WithHeaders([.. settings.AllowedHeaders])
            .WithExposedHeaders([.. settings.ExposedHeaders])
            .SetPreflightMaxAge(TimeSpan.FromSeconds(settings.MaxAgeSeconds));
        if (settings.AllowedOrigins.Contains("*"))
        {
            policy.AllowAnyOrigin(); // never with credentials: TransportSettingsValidator refuses that at start-up
        }
        else
        {
            policy.WithOrigins([.. settings.AllowedOrigins]);
        }

        if (settings.AllowCredentials)
        {
            policy.AllowCredentials();
        }

        return policy.Build();
    }

    private static void TrustOnly(ForwardedHeadersOptions forwarded, ProxyOptions settings)
    {
        // ASP.NET Core trusts loopback by default; SecureApi trusts no address it was not told about.
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in settings.KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        // Empty trust lists would make the middleware believe every sender, so with nothing configured it reads nothing.
        forwarded.ForwardedHeaders = forwarded.KnownProxies.Count + forwarded.KnownIPNetworks.Count == 0
            ? ForwardedHeaders.None
            : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        forwarded.ForwardLimit = settings.ForwardLimit;
    }

    /// <summary>Whether any proxy is trusted; without one the forwarded-headers middleware is not added at all.</summary>
    public static bool TrustsAProxy(ProxyOptions settings) => settings.KnownProxies.Count + settings.KnownNetworks.Count > 0;
}
