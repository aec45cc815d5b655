namespace SecureApi.Hosting;

/// <summary>
/// The concurrency guard in front of every endpoint (<c>SecureApi:LoadShedding</c>): at most
/// <see cref="MaxConcurrentRequests"/> requests run at once, <see cref="QueueLimit"/> more wait up to
/// <see cref="QueueTimeoutSeconds"/>, and the rest are refused at once with 503 and <c>Retry-After</c>.
/// </summary>
public sealed class LoadSheddingOptions
{
    /// <summary>
    /// False switches load shedding off: the only way to, so a zero or a typo never does it silently. Default true.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Requests served at the same time. Default 128 per processor (256 on two cores): far above what the CPU can
    /// usefully interleave for CPU-bound work, and above the default database connection pool (100), so a healthy
    /// service never meets it — it only stops an overload from growing latency for everyone without bound.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 128 * Environment.ProcessorCount;

    /// <summary>
    /// Requests that may wait for a free slot, oldest first. Default 64: absorbs a short spike; a longer queue only
    /// turns a fast 503 into a slow one. 0 refuses at once.
    /// </summary>
    public int QueueLimit { get; set; } = 64;

    /// <summary>
    /// Longest wait in the queue before the request is refused after all. Default 2 s: well under client timeouts, so
    /// the client can still retry rather than give up.
    /// </summary>
    public int QueueTimeoutSeconds { get; set; } = 2;

    /// <summary>
    /// The <c>Retry-After</c> of a refusal. Default 1 s: saturation clears as fast as requests finish, and a longer
    /// wait would leave freed capacity idle.
    /// </summary>
    public int RetryAfterSeconds { get; set; } = 1;
}
