namespace SecureApi.Monitoring.Detection;

/// <summary>
/// Sliding-window counts per key (an address, a caller) in a table of fixed capacity: a dictionary plus an intrusive
/// least-recently-seen list, so adding a key to a full table forgets the key seen longest ago. Memory is therefore at
/// most <see cref="Capacity"/> entries whatever the number of distinct keys; each entry is a few fields and, when
/// counting distinct ids, a set of at most <c>distinctCap</c> 64-bit hashes. An attacker who keeps going is seen again
/// and again and stays at the recent end, so rotating thousands of other addresses does not make the table forget him.
/// The count is the usual two-window estimate: the previous window's count weighted by how much of it still overlaps
/// the sliding window, plus the current window's.
/// </summary>
internal sealed class BoundedWindowTable
{
    private readonly Dictionary<string, Entry> _entries;
    private readonly long _window;
    private readonly int _distinctCap;
    private readonly Lock _lock = new();
    private Entry? _newest;
    private Entry? _oldest;

    /// <param name="capacity">Keys tracked at most.</param>
    /// <param name="window">The window's length in timestamp units.</param>
    /// <param name="distinctCap">0 to count hits; otherwise count distinct ids, remembering at most this many per key per window.</param>
    public BoundedWindowTable(int capacity, long window, int distinctCap)
    {
        Capacity = Math.Max(1, capacity);
        _window = Math.Max(1, window);
        _distinctCap = distinctCap;
        // Not pre-sized (1,024 entries were ~30 KB each, cleared at start-up for every detector): most tables stay nearly
        // empty, and one grows, up to Capacity, only as keys arrive.
        _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
    }

    public int Capacity { get; }

    /// <summary>Keys tracked now (never more than <see cref="Capacity"/>).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Counts one hit (or one id, when counting distinct ids) for <paramref name="key"/> at <paramref name="now"/>.
    /// True exactly once per window per key: when its estimate first reaches <paramref name="threshold"/> (and
    /// <paramref name="alsoRequire"/>, when given, accepts the estimate).
    /// </summary>
    public bool Hit(string key, long now, ulong id, int threshold, out int estimate, Func<int, bool>? alsoRequire = null)
    {
        lock (_lock)
        {
            var entry = Touch(key, now);
            Roll(entry, now);
            if (_distinctCap == 0)
            {
                entry.Current++;
            }
            else if (entry.Ids!.Count < _distinctCap && entry.Ids.Add(id))
            {
                entry.Current++;
            }

            var overlap = 1.0 - ((double)(now - entry.WindowStart) / _window);
            estimate = (int)Math.Floor((entry.Previous * Math.Max(0, overlap)) + entry.Current);
            if (estimate < threshold || now < entry.QuietUntil || (alsoRequire is not null && !alsoRequire(estimate)))
            {
                return false;
            }

            entry.QuietUntil = now + _window; // once per offender per window
            return true;
        }
    }

    private Entry Touch(string key, long now)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            Unlink(entry);
        }
        else
        {
            if (_entries.Count >= Capacity && _oldest is { } evicted)
            {
                Unlink(evicted);
                _entries.Remove(evicted.Key);
            }

            entry = new Entry(key, now, _distinctCap == 0 ? null : new HashSet<ulong>());
            _entries.Add(key, entry);
        }

        // Link at the newest end.
        entry.Older = _newest;
        entry.Newer = null;
        if (_newest is not null)
        {
            _newest.Newer = entry;
        }

        _newest = entry;
        _oldest ??= entry;
        return entry;
    }

    private void Unlink(Entry entry)
    {
        if (entry.Newer is not null)
        {
            entry.Newer.Older = entry.Older;
        }
        else
        {
            _newest = entry.Older;
        }

        if (entry.Older is not null)
        {
            entry.Older.Newer = entry.Newer;
        }
        else
        {
            _oldest = entry.Newer;
        }

        entry.Newer = entry.Older = null;
    }

    private void Roll(Entry entry, long now)
    {
        var elapsed = now - entry.WindowStart;
        if (elapsed < _window)
        {
            return;
        }

        // One window on: the current count becomes the previous one; two or more: both are stale.
        entry.Previous = elapsed < 2 * _window ? entry.Current : 0;
        entry.Current = 0;
        entry.Ids?.Clear();
        entry.WindowStart += elapsed / _window * _window;
    }

    private sealed class Entry(string key, long windowStart, HashSet<ulong>? ids)
    {
        public string Key { get; } = key;

        public HashSet<ulong>? Ids { get; } = ids;

        public long WindowStart = windowStart;
        public int Current;
        public int Previous;
        public long QuietUntil;
        public Entry? Newer;
        public Entry? Older;
    }
}
