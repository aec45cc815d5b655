using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Authentication;

/// <summary>
/// The JWT settings in force, checked once at start-up: from <c>SecureApi:Authentication:Jwt</c>, or in Development
/// from what <c>dotnet user-jwts</c> wrote. A setting that is missing or unsafe stops the service with a message naming it.
/// </summary>
internal sealed class JwtSettings
{
    /// <summary>The token types RFC 9068 gives JWT access tokens.</summary>
    public static readonly string[] AccessTokenTypes = ["at+jwt", "application/at+jwt"];

    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static JwtSettings None { get; } = new();

    private JwtSettings()
    {
    }

    /// <summary>False when neither an authority nor signing keys are configured: the service takes no bearer tokens.</summary>
    public bool IsConfigured { get; private init; }

    /// <summary>Where the settings came from, for messages.</summary>
    public string Source { get; private init; } = "";

    public string? Authority { get; private init; }

    public IReadOnlyList<SecurityKey> Keys { get; private init; } = [];

    public IReadOnlyList<string> Issuers { get; private init; } = [];

    public IReadOnlyList<string> Audiences { get; private init; } = [];

    public IReadOnlyList<string> Algorithms { get; private init; } = [];

    public IReadOnlyList<string> TokenTypes { get; private init; } = [];

    public TimeSpan MaxTokenLifetime { get; private init; }

    public TimeSpan ClockSkew { get; private init; }

    public TimeSpan AutomaticRefreshInterval { get; private init; }

    public TimeSpan MinimumRefreshInterval { get; private init; }

    /// <summary>Checks <paramref name="options"/> (read from <paramref name="source"/>) and returns the settings in force.</summary>
    public static JwtSettings From(JwtOptions options, string source, IReadOnlyList<string>? extraTokenTypes = null)
    {
        var authority = string.IsNullOrWhiteSpace(options.Authority) ? null : options.Authority.Trim();
        if (authority is null && options.SigningKeys.Count == 0)
        {
            if (options.Issuers.Count > 0 || options.Audiences.Count > 0)
            {
                throw Invalid(source, "Authority", "JWT settings are present but neither an Authority nor SigningKeys is set.");
            }

            return None;
        }

        if (authority is not null && options.SigningKeys.Count > 0)
        {
            throw Invalid(source, "SigningKeys", "set either an Authority or SigningKeys, not both: the authority publishes its own keys.");
        }

        if (authority is not null && (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            throw Invalid(source, "Authority", "must be an absolute https:// URL: keys fetched over plain HTTP can be replaced in transit.");
        }

        var keys = JwtSigningKeys.Parse(options.SigningKeys, source);
        var issuers = Clean(options.Issuers);
        if (authority is null && issuers.Length == 0)
        {
            throw Invalid(source, "Issuers", "is required: list the iss values tokens may carry.");
        }

        var audiences = Clean(options.Audiences);
        if (audiences.Length == 0)
        {
            throw Invalid(source, "Audiences", "is required: list the aud values that name this service.");
        }

        if (options.MaxTokenLifetime <= TimeSpan.Zero)
        {
            throw Invalid(source, "MaxTokenLifetime", "must be positive.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > MaxClockSkew)
        {
            throw Invalid(source, "ClockSkew", "must be between 00:00:00 and 00:05:00.");
        }

        // IdentityModel's own floors: it refuses shorter intervals.
        if (options.AutomaticRefreshInterval < TimeSpan.FromMinutes(5))
        {
            throw Invalid(source, "AutomaticRefreshInterval", "must be at least 00:05:00.");
        }

        if (options.MinimumRefreshInterval < TimeSpan.FromSeconds(1) || options.MinimumRefreshInterval > options.AutomaticRefreshInterval)
        {
            throw Invalid(source, "MinimumRefreshInterval", "must be at least 00:00:01 and no longer than AutomaticRefreshInterval.");
        }

        var types = Clean(options.TokenTypes);
        return new JwtSettings
        {
            IsConfigured = true,
            Source = source,
            Authority = authority,
            Keys = keys,
            Issuers = issuers,
            Audiences = audiences,
            Algorithms = JwtAlgorithms.Resolve(Clean(options.Algorithms), keys, authority is not null, source),
            TokenTypes = [.. types.Length == 0 ? AccessTokenTypes : types, .. extraTokenTypes ?? []],
            MaxTokenLifetime = options.MaxTokenLifetime,
            ClockSkew = options.ClockSkew,
            AutomaticRefreshInterval = options.AutomaticRefreshInterval,
            MinimumRefreshInterval = options.MinimumRefreshInterval,
        };
    }

    internal static InvalidOperationException Invalid(string source, string setting, string problem) =>
        new($"{source}:{setting} {problem}");

    private static string[] Clean(List<string> values) =>
        [.. values.Where(static v => !string.IsNullOrWhiteSpace(v)).Select(static v => v.Trim()).Distinct(StringComparer.Ordinal)];
}
