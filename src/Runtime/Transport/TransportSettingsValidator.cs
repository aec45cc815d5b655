using System.Net;
using Microsoft.Extensions.Options;

namespace SecureApi.Transport;

/// <summary>
/// Refuses at start-up CORS and proxy settings that would quietly mean something else: <c>*</c> with credentials, an
/// origin a browser never sends (a path, a default port, a wildcard inside), an address or network that does not parse.
/// </summary>
internal sealed class TransportSettingsValidator : IValidateOptions<SecureApiOptions>
{
    public ValidateOptionsResult Validate(string? name, SecureApiOptions options)
    {
        var failures = new List<string>();
        CheckCors(options.Cors, failures);
        CheckProxies(options.ForwardedHeaders, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckCors(CrossOriginOptions cors, List<string> failures)
    {
        foreach (var origin in cors.AllowedOrigins)
        {
            if (origin == "*")
            {
                if (cors.AllowCredentials)
                {
                    failures.Add("SecureApi:Cors:AllowedOrigins contains \"*\" while SecureApi:Cors:AllowCredentials is true: any web site could make credentialed calls as your users. List the origins exactly, or turn credentials off.");
                }

                continue;
            }

            if (CanonicalOrigin(origin) is not { } canonical)
            {
                failures.Add($"SecureApi:Cors:AllowedOrigins entry \"{origin}\" is not an origin: write scheme://host[:port] (http or https) with no path, query, user name or wildcard.");
            }
            else if (!string.Equals(canonical, origin, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"SecureApi:Cors:AllowedOrigins entry \"{origin}\" never matches what a browser sends: write it as \"{canonical}\".");
            }
        }

        if (cors.MaxAgeSeconds < 0)
        {
            failures.Add("SecureApi:Cors:MaxAgeSeconds must not be negative.");
        }
    }

    /// <summary>The origin as a browser serialises it (no path, default port left out), or null when it is not one.</summary>
    private static string? CanonicalOrigin(string origin)
    {
        if (origin.Contains('*', StringComparison.Ordinal)
            || !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.UserInfo.Length > 0
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0
            || uri.AbsolutePath != "/")
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority);
    }

    private static void CheckProxies(ProxyOptions proxies, List<string> failures)
    {
        foreach (var proxy in proxies.KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out _))
            {
                failures.Add($"SecureApi:ForwardedHeaders:KnownProxies entry \"{proxy}\" is not an IP address.");
            }
        }

        foreach (var network in proxies.KnownNetworks)
        {
            if (!IPNetwork.TryParse(network, out _))
            {
                failures.Add($"SecureApi:ForwardedHeaders:KnownNetworks entry \"{network}\" is not a network in CIDR notation (10.0.0.0/24).");
            }
        }

        if (proxies.ForwardLimit < 1)
        {
            failures.Add("SecureApi:ForwardedHeaders:ForwardLimit must be at least 1.");
        }
    }
}
