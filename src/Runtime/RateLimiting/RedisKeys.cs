namespace SecureApi.RateLimiting;

/// <summary>
/// The Redis key layout, one place for every SecureApi key so the block list (monitoring issue) lives beside the counters:
/// <list type="bullet">
/// <item><c>{prefix}:rl:{policy}:{partition}:{kind}:{ms}</c> — one partition's shared budget under a policy. The kind says
/// what the key holds, and the length that shapes it is part of the key, so changing a policy's kind or window never
/// mixes old and new state (nor meets a key of another type):
/// <list type="bullet">
/// <item><c>fw:{windowMs}</c> — fixed window: a counter whose TTL is the rest of the window.</item>
/// <item><c>sw:{windowMs}</c> — sliding window: a sorted set, one member per admitted permit scored by its time (µs).</item>
/// <item><c>tb:{periodMs}</c> — token bucket: a hash of <c>tokens</c> and <c>refilled</c> (ms); it expires when full again.</item>
/// <item><c>cc:{leaseMs}</c> — concurrency: a sorted set, one member per held permit scored by its lease's expiry (ms).</item>
/// </list></item>
/// <item><c>{prefix}:lockout:{kind}:{value}</c> — a lockout's failure count (TTL: the rest of the failure window), or
/// <c>locked</c> (TTL: the rest of the lockout). Kinds: <c>client</c> (a policy's partition, e.g.
/// <c>lockout:client:sensitive|ip:203.0.113.7|e:POST /sign-in</c>) and <c>account</c> (the SHA-256 of the submitted
/// account name, case-folded: no account name is stored).</item>
/// <item><c>{prefix}:block:{kind}:{value}</c> — reserved for the block list (for example <c>block:ip:203.0.113.7</c>).</item>
/// <item><c>{prefix}:detect:{detector}:{windowMs}:{offender}</c> — one offender's sliding-window count under a detector
/// (a hash: window start, current and previous counts, the quiet-until time, and for distinct counting the ids' hashes);
/// TTL two windows. <c>{prefix}:detect:baseline:{actor}</c> — an agent actor's usual endpoints (a hash), TTL refreshed
/// on every use.</item>
/// </list>
/// Times are Redis server time (<c>TIME</c>), never an instance's clock. <c>{prefix}</c> is <c>secureapi:{service}</c> by
/// default. Policy names and kinds contain no <c>:</c>, and the kind and length are the last two segments, so a key parses
/// from both ends even when a partition (a subject, an address) contains <c>:</c>.
/// </summary>
internal static class RedisKeys
{
    public const string FixedWindow = "fw";
    public const string SlidingWindow = "sw";
    public const string TokenBucket = "tb";
    public const string Concurrency = "cc";

    public static string RateLimit(string prefix, string policy, string partition, string kind, TimeSpan length) =>
        $"{prefix}:rl:{RequireSegment(policy)}:{partition}:{RequireSegment(kind)}:{((long)length.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string Lockout(string prefix, string kind, string value) => $"{prefix}:lockout:{RequireSegment(kind)}:{value}";

    public static string Block(string prefix, string kind, string value) => $"{prefix}:block:{RequireSegment(kind)}:{value}";

    public static string Detector(string prefix, string detector, TimeSpan window, string offender) =>
        $"{prefix}:detect:{RequireSegment(detector)}:{((long)window.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)}:{offender}";

    public static string AgentBaseline(string prefix, string actor) => $"{prefix}:detect:baseline:{actor}";

    public static string DefaultPrefix(string applicationName) => "secureapi:" + applicationName;

    private static string RequireSegment(string name) =>
        string.IsNullOrEmpty(name) || name.Contains(':', StringComparison.Ordinal)
            ? throw new ArgumentException($"'{name}' cannot be a key segment: it must be non-empty and contain no ':'.", nameof(name))
            : name;
}
