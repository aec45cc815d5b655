using System.Collections.Concurrent;

namespace SecureApi.Authentication;

/// <summary>
/// A bounded store of successful token validations keyed by <see cref="TokenHash"/>. When full, expired entries are
/// swept (at most once a second) and otherwise new tokens are simply not cached: the bound never moves.
/// </summary>
internal sealed class ValidatedTokenCache(int capacity)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private volatile Generation _current = new();
    private long _sweepNotBeforeTicks;

    public int Capacity => capacity;

    public int Count => Volatile.Read(ref _current.Count);

    public bool TryGet(TokenHash key, DateTimeOffset now, out ValidatedToken? entry)
    {
        var generation = _current;
        if (generation.Entries.TryGetValue(key, out entry))
        {
            if (entry.Expires > now)
            {
                return true;
            }

            Remove(generation, key, entry);
            entry = null;
        }

        return false;
    }

    public void Add(TokenHash key, ValidatedToken entry, DateTimeOffset now)
    {
        var generation = _current;
        if (!Reserve(generation))
        {
            Sweep(generation, now);
            if (!Reserve(generation))
            {
                return;
            }
        }

        if (!generation.Entries.TryAdd(key, entry))
        {
            Interlocked.Decrement(ref generation.Count);
        }
    }

    /// <summary>
    /// Forgets every entry: called when the signing keys change, and the hook for revocation-style events. (There is
    /// no JWT revocation list yet; a revoked token stays valid until its <c>exp</c>, cache or not.)
    /// </summary>
    public void Clear() => _current = new Generation();

    // Counting before adding keeps the bound exact under concurrent adds.
    private bool Reserve(Generation generation)
    {
        if (Interlocked.Increment(ref generation.Count) <= capacity)
        {
            return true;
        }

        Interlocked.Decrement(ref generation.Count);
        return false;
    }

    private void Sweep(Generation generation, DateTimeOffset now)
    {
        var notBefore = Interlocked.Read(ref _sweepNotBeforeTicks);
        if (now.UtcTicks < notBefore ||
            Interlocked.CompareExchange(ref _sweepNotBeforeTicks, (now + SweepInterval).UtcTicks, notBefore) != notBefore)
        {
            return;
        }

        foreach (var (key, entry) in generation.Entries)
        {
            if (entry.Expires <= now)
            {
                Remove(generation, key, entry);
            }
        }
    }

    private static void Remove(Generation generation, TokenHash key, ValidatedToken entry)
    {
        if (generation.Entries.TryRemove(new KeyValuePair<TokenHash, ValidatedToken>(key, entry)))
        {
            Interlocked.Decrement(ref generation.Count);
        }
    }

    /// <summary>Replaced whole by <see cref="Clear"/>, so clearing takes no lock and cannot unbalance the count.</summary>
    private sealed class Generation
    {
        public readonly ConcurrentDictionary<TokenHash, ValidatedToken> Entries = new();
        public int Count;
    }
}
