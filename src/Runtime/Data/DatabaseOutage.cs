using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SecureApi.Logging;

namespace SecureApi.Data;

/// <summary>
/// Logs a database outage twice — when the first request is refused and when a connection works again — instead of once
/// per refused request (an outage of seconds refuses thousands). Thread-safe; the steady state costs one volatile read.
/// </summary>
internal sealed class DatabaseOutage(ILogger logger)
{
    private readonly Lock _gate = new();
    private long _startedAt; // Stopwatch timestamp; 0 while the database is available
    private long _refused;

    public bool IsActive => Volatile.Read(ref _startedAt) != 0;

    /// <summary>A request was answered 503 because the database was unavailable.</summary>
    public void Refused(Exception exception)
    {
        Interlocked.Increment(ref _refused);
        if (IsActive)
        {
            return;
        }

        lock (_gate)
        {
            if (_startedAt != 0)
            {
                return;
            }

            Volatile.Write(ref _startedAt, Stopwatch.GetTimestamp());
        }

        RequestLog.DatabaseUnavailable(logger, exception);
    }

    /// <summary>A connection proved the database usable again: ends the outage, if there was one.</summary>
    public void Available()
    {
        if (!IsActive)
        {
            return;
        }

        long started;
        long refused;
        lock (_gate)
        {
            started = _startedAt;
            if (started == 0)
            {
                return;
            }

            refused = Interlocked.Exchange(ref _refused, 0);
            Volatile.Write(ref _startedAt, 0);
        }

        RequestLog.DatabaseAvailable(logger, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, refused);
    }
}
