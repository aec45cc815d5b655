namespace SecureApi.Authentication;

/// <summary>The validated-token cache's settings in force, checked once at start-up (a bad value stops the service).</summary>
internal sealed class TokenCacheSettings
{
    public const string Source = SecureApiOptions.SectionName + ":Authentication:TokenCache";

    /// <summary>An entry costs about a kilobyte: a million is a gigabyte, past any sensible bound.</summary>
    private const int MostEntries = 1_000_000;

    private static readonly TimeSpan LongestLifetime = TimeSpan.FromHours(1);

    public static TokenCacheSettings Off { get; } = new(false, 0, TimeSpan.Zero);

    private TokenCacheSettings(bool enabled, int maxEntries, TimeSpan maxLifetime)
    {
        Enabled = enabled;
        MaxEntries = maxEntries;
        MaxLifetime = maxLifetime;
    }

    public bool Enabled { get; }

    public int MaxEntries { get; }

    public TimeSpan MaxLifetime { get; }

    public static TokenCacheSettings From(TokenCacheOptions options)
    {
        if (options.MaxEntries is < 1 or > MostEntries)
        {
            throw JwtSettings.Invalid(Source, "MaxEntries", $"must be between 1 and {MostEntries} (set Enabled to false to turn the cache off).");
        }

        if (options.MaxLifetime < TimeSpan.FromSeconds(1) || options.MaxLifetime > LongestLifetime)
        {
            throw JwtSettings.Invalid(Source, "MaxLifetime", "must be between 00:00:01 and 01:00:00.");
        }

        return options.Enabled ? new TokenCacheSettings(true, options.MaxEntries, options.MaxLifetime) : Off;
    }
}
