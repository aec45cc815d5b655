namespace SecureApi.RateLimiting;

/// <summary>
/// <c>SecureApi:RateLimiting:Redis</c>: when <see cref="Configuration"/> is set, rate-limit budgets are counted in Redis
/// and so shared by every instance of the service.
/// </summary>
internal sealed class RedisRateLimitingOptions
{
    public const string SectionName = "SecureApi:RateLimiting:Redis";

    /// <summary>A StackExchange.Redis configuration string (<c>host:port,password=…,ssl=true</c>); empty: limits are per instance.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key; default <c>secureapi:{application name}</c>, so services sharing one Redis never share budgets.</summary>
    public string? KeyPrefix { get; set; }

    /// <summary>How long the first connection may take (it is made at the first limited request, not at start-up).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one decision may wait for Redis before the request is counted locally instead.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>While Redis is unreachable, how often one request tries it again (the others are counted locally).</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a Concurrency policy's slot stays taken in Redis when its lease is never released (the instance crashed).
    /// Longer than any request should run: a request still running after it no longer counts as in flight.
    /// </summary>
    public TimeSpan ConcurrencyLeaseTime { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}
