using Microsoft.Extensions.Configuration;

namespace SecureApi.Authentication;

/// <summary>
/// Development only: accepts the tokens <c>dotnet user-jwts create</c> mints, from the settings it writes
/// (<c>Authentication:Schemes:Bearer</c>: <c>ValidIssuer</c>, <c>ValidAudiences</c>, and <c>SigningKeys</c> in user secrets).
/// Every strict rule applies except one: user-jwts cannot set <c>typ: at+jwt</c>, so <c>typ: JWT</c> is accepted as well.
/// Outside Development this section is never read.
/// </summary>
internal static class DevelopmentJwts
{
    public const string SectionName = "Authentication:Schemes:Bearer";

    /// <summary>The <c>typ</c> user-jwts writes.</summary>
    private static readonly string[] UserJwtsTokenTypes = ["JWT"];

    public static JwtSettings From(IConfiguration configuration, JwtOptions secureApi)
    {
        var section = configuration.GetSection(SectionName);
        var issuers = Values(section, "ValidIssuers");
        if (section["ValidIssuer"] is { Length: > 0 } issuer)
        {
            issuers.Add(issuer);
        }

        var audiences = Values(section, "ValidAudiences");
        if (section["ValidAudience"] is { Length: > 0 } audience)
        {
            audiences.Add(audience);
        }

        // Only keys user-jwts made for these issuers, as JwtBearer itself would pick them.
        var keys = section.GetSection("SigningKeys").GetChildren()
            .Where(key => key["Issuer"] is { } keyIssuer && issuers.Contains(keyIssuer, StringComparer.Ordinal) && !string.IsNullOrEmpty(key["Value"]))
            .Select(static key => new JwtSigningKeyOptions { Id = key["Id"], Symmetric = key["Value"] })
            .ToList();
        if (keys.Count == 0)
        {
            return JwtSettings.None;
        }

        var options = new JwtOptions
        {
            SigningKeys = keys,
            Issuers = issuers,
            Audiences = audiences,
            Algorithms = secureApi.Algorithms,
            TokenTypes = secureApi.TokenTypes,
            MaxTokenLifetime = secureApi.MaxTokenLifetime,
            ClockSkew = secureApi.ClockSkew,
        };
        return JwtSettings.From(options, SectionName + " (dotnet user-jwts, Development)", UserJwtsTokenTypes);
    }

    private static List<string> Values(IConfigurationSection section, string key) =>
        [.. section.GetSection(key).GetChildren().Select(static c => c.Value).OfType<string>().Where(static v => v.Length > 0)];
}
