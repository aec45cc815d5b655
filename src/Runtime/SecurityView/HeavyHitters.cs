namespace SecureApi.SecurityView;

/// <summary>
/// The most frequent names in a stream, in at most <see cref="Capacity"/> counters whatever the number of distinct
/// names (the Space-Saving algorithm, Metwally et al. 2005): a new name when the table is full takes over the smallest
/// counter and inherits its count, so an address-rotating attacker replaces entries instead of adding them. Any name
/// seen more than total/<see cref="Capacity"/> times is guaranteed to be in the table; a count may be over-estimated by
/// at most the count it inherited. Names are cut at <see cref="Monitoring.SecurityEventDetail.MaxNameLength"/>
/// characters, so memory is bounded by Capacity × that length.
/// </summary>
internal sealed class HeavyHitters(int capacity)
{
    private readonly Dictionary<string, long> _counts = new(capacity, StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Capacity { get; } = capacity;

    /// <summary>How many names are tracked now (never more than <see cref="Capacity"/>).</summary>
    public int Tracked
    {
        get
        {
            lock (_gate)
            {
                return _counts.Count;
            }
        }
    }

    public void Add(string name)
    {
        name = Monitoring.SecurityEventDetail.Bounded(name);
        lock (_gate)
        {
            if (_counts.TryGetValue(name, out var count))
            {
                _counts[name] = count + 1;
                return;
            }

            var inherited = 0L;
            if (_counts.Count >= Capacity)
            {
                // O(Capacity) per eviction: small and fixed, and no second structure to keep in step.
                var smallest = _counts.MinBy(static pair => pair.Value);
                _counts.Remove(smallest.Key);
                inherited = smallest.Value;
            }

            _counts[name] = inherited + 1;
        }
    }

    /// <summary>The <paramref name="count"/> largest counters, largest first (ties by name, so the order is stable).</summary>
    public IReadOnlyList<SecurityViewTally> Top(int count)
    {
        lock (_gate)
        {
            return [.. _counts
                .OrderByDescending(static pair => pair.Value)
                .ThenBy(static pair => pair.Key, StringComparer.Ordinal)
                .Take(count)
                .Select(static pair => new SecurityViewTally(pair.Key, pair.Value))];
        }
    }
}
