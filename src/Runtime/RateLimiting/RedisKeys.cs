namespace SecureApi.RateLimiting;

/// <summary>
/// The Redis key layout, one place for every SecureApi key so the block list (monitoring issue) lives beside the counters:
/// <list type="bullet">
/// <item><c>{prefix}:rl:{policy}:{partition}:{windowMs}</c> — a fixed-window counter; the key's TTL is the rest of the window.
/// The window length is part of the key, so changing a policy's window never mixes old and new counts.</item>
/// <item><c>{prefix}:lockout:{kind}:{value}</c> — a lockout's failure count (TTL: the rest of the failure window), or
/// <c>locked</c> (TTL: the rest of the lockout). Kinds: <c>client</c> (a policy's partition, e.g.
/// <c>lockout:client:sensitive|ip:203.0.113.7|e:POST /sign-in</c>) and <c>account</c> (the SHA-256 of the submitted
/// account name, case-folded: no account name is stored).</item>
/// <item><c>{prefix}:block:{kind}:{value}</c> — reserved for the block list (for example <c>block:ip:203.0.113.7</c>).</item>
/// </list>
/// <c>{prefix}</c> is <c>secureapi:{service}</c> by default. Policy names and block kinds contain no <c>:</c>, and the window is
/// the last segment, so a key parses from both ends even when a partition (a subject, an address) contains <c>:</c>.
/// </summary>
internal static class RedisKeys
{
    public static string RateLimit(string prefix, string policy, string partition, TimeSpan window) =>
        $"{prefix}:rl:{RequireSegment(policy)}:{partition}:{((long)window.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string Lockout(string prefix, string kind, string value) => $"{prefix}:lockout:{RequireSegment(kind)}:{value}";

    public static string Block(string prefix, string kind, string value) => $"{prefix}:block:{RequireSegment(kind)}:{value}";

    public static string DefaultPrefix(string applicationName) => "secureapi:" + applicationName;

    private static string RequireSegment(string name) =>
        string.IsNullOrEmpty(name) || name.Contains(':', StringComparison.Ordinal)
            ? throw new ArgumentException($"'{name}' cannot be a key segment: it must be non-empty and contain no ':'.", nameof(name))
            : name;
}
