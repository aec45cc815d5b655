using System.Threading.RateLimiting;

namespace SecureApi.RateLimiting;

/// <summary>
/// A lease decided in Redis. It carries the permits left after the decision (<see cref="RemainingPermits"/>, for the
/// RateLimit header: exact for this request, unlike statistics that other requests move meanwhile) and, on a rejection,
/// <see cref="MetadataName.RetryAfter"/> when the kind knows the wait. <see cref="OnDispose"/> releases what the lease holds
/// (a concurrency slot).
/// </summary>
internal class RedisLease : RateLimitLease
{
    /// <summary>Permits left in the shared budget after this decision.</summary>
    public static readonly MetadataName<long> RemainingPermits = new("SECUREAPI_REMAINING_PERMITS");

    /// <summary>The synchronous attempt's answer while Redis decides: "ask asynchronously" (see <see cref="RedisRateLimiter"/>).</summary>
    public static readonly RedisLease NotDecided = new(false, null, null);

    private readonly long? _remaining;
    private readonly TimeSpan? _retryAfter;

    public RedisLease(bool isAcquired, long? remaining, TimeSpan? retryAfter)
    {
        IsAcquired = isAcquired;
        _remaining = remaining;
        _retryAfter = retryAfter;
    }

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames
    {
        get
        {
            if (_remaining is not null)
            {
                yield return RemainingPermits.Name;
            }

            if (_retryAfter is not null)
            {
                yield return MetadataName.RetryAfter.Name;
            }
        }
    }

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (_remaining is { } remaining && metadataName == RemainingPermits.Name)
        {
            metadata = remaining;
            return true;
        }

        if (_retryAfter is { } retryAfter && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = retryAfter;
            return true;
        }

        metadata = null;
        return false;
    }
}
