using System.Collections.Concurrent;

namespace SecureApi.RateLimiting;

/// <summary>
/// Lockouts of this instance alone (the default, and the fallback while Redis is unreachable). Entries live until their
/// window and lockout have passed; a sweep removes the stale ones once there are many, so made-up account names cannot
/// grow memory without bound.
/// </summary>
internal sealed class MemoryLockoutStore : ILockoutStore
{
    private const int SweepAbove = 10_000;
    private static readonly TimeSpan s_sweepInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<LockoutSubject, Entry> _entries = new();
    private readonly TimeProvider _time;
    private readonly long _origin;
    private long _nextSweepTicks;

    public MemoryLockoutStore(TimeProvider time)
    {
        _time = time;
        _origin = time.GetTimestamp();
    }

    /// <summary>Monotonic: a wall-clock change neither lifts nor stretches a lockout.</summary>
    private TimeSpan Now => _time.GetElapsedTime(_origin);

    public ValueTask<TimeSpan?> LockedForAsync(LockoutSubject subject) => ValueTask.FromResult(LockedFor(subject));

    public ValueTask FailedAsync(LockoutSubject client, LockoutSubject? account, LockoutPolicy policy)
    {
        Fail(client, policy);
        if (account is { } named)
        {
            Fail(named, policy);
        }

        Sweep();
        return ValueTask.CompletedTask;
    }

    public ValueTask SucceededAsync(LockoutSubject account)
    {
        if (_entries.TryGetValue(account, out var entry))
        {
            lock (entry)
            {
                entry.Failures = 0;
            }
        }

        return ValueTask.CompletedTask;
    }

    internal TimeSpan? LockedFor(LockoutSubject subject)
    {
        if (!_entries.TryGetValue(subject, out var entry))
        {
            return null;
        }

        var now = Now;
        lock (entry)
        {
            return entry.LockedUntil > now ? entry.LockedUntil - now : null;
        }
    }

    private void Fail(LockoutSubject subject, LockoutPolicy policy)
    {
        while (true)
        {
            var entry = _entries.GetOrAdd(subject, static _ => new Entry());
            var now = Now;
            lock (entry)
            {
                if (entry.Removed)
                {
                    continue; // swept between GetOrAdd and the lock: count on the entry that replaces it
                }

                if (entry.LockedUntil > now)
                {
                    return; // already locked out: a failure cannot lengthen it
                }

                if (now >= entry.WindowEnd)
                {
                    entry.Failures = 0;
                    entry.WindowEnd = now + policy.Window;
                }

                if (++entry.Failures >= policy.Failures)
                {
                    entry.LockedUntil = now + policy.Duration;
                    entry.Failures = 0;
                    entry.WindowEnd = now;
                }

                return;
            }
        }
    }

    private void Sweep()
    {
        var now = Now;
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (_entries.Count <= SweepAbove || now.Ticks < next
            || Interlocked.CompareExchange(ref _nextSweepTicks, (now + s_sweepInterval).Ticks, next) != next)
        {
            return;
        }

        foreach (var (subject, entry) in _entries)
        {
            lock (entry)
            {
                if (entry.LockedUntil <= now && (entry.WindowEnd <= now || entry.Failures == 0))
                {
                    entry.Removed = true;
                    _entries.TryRemove(new KeyValuePair<LockoutSubject, Entry>(subject, entry));
                }
            }
        }
    }

    private sealed class Entry
    {
        public int Failures;
        public TimeSpan WindowEnd;
        public TimeSpan LockedUntil;
        public bool Removed;
    }
}
