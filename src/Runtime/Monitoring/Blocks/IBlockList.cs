namespace SecureApi.Monitoring;

/// <summary>
/// The blocks in force (offenders the detectors blocked), for an admin endpoint: list them, lift one. Shared by every
/// instance when <c>SecureApi:RateLimiting:Redis</c> is configured.
/// </summary>
public interface IBlockList
{
    /// <summary>The blocks in force (at most 1000).</summary>
    ValueTask<IReadOnlyList<ActiveBlock>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Lifts the block on <paramref name="kind"/> (<c>ip</c> or <c>caller</c>) <paramref name="value"/>; false when there was none.</summary>
    ValueTask<bool> LiftAsync(string kind, string value, Caller? liftedBy, CancellationToken cancellationToken = default);
}
