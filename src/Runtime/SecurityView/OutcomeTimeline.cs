namespace SecureApi.SecurityView;

/// <summary>
/// Answers per minute and <see cref="OutcomeClass"/> for the last <see cref="Minutes"/> minutes: a ring of that many
/// buckets, each stamped with its minute, so a bucket left from an hour ago reads as empty rather than being cleared
/// by a timer. Fixed size whatever the traffic.
/// </summary>
internal sealed class OutcomeTimeline
{
    public const int Minutes = 60;

    private readonly long[] _minuteOf = new long[Minutes];
    private readonly long[,] _counts = new long[Minutes, OutcomeClasses.Count];
    private readonly Lock _gate = new();

    public OutcomeTimeline()
    {
        Array.Fill(_minuteOf, long.MinValue);
    }

    public void Record(DateTimeOffset time, int statusCode)
    {
        var minute = MinuteOf(time);
        var slot = Slot(minute);
        lock (_gate)
        {
            if (_minuteOf[slot] != minute)
            {
                _minuteOf[slot] = minute;
                for (var outcome = 0; outcome < OutcomeClasses.Count; outcome++)
                {
                    _counts[slot, outcome] = 0;
                }
            }

            _counts[slot, (int)OutcomeClasses.Of(statusCode)]++;
        }
    }

    /// <summary>The last <see cref="Minutes"/> minutes up to <paramref name="now"/>'s, oldest first.</summary>
    public IReadOnlyList<SecurityViewMinute> Snapshot(DateTimeOffset now)
    {
        var current = MinuteOf(now);
        var minutes = new SecurityViewMinute[Minutes];
        lock (_gate)
        {
            for (var i = 0; i < Minutes; i++)
            {
                var minute = current - (Minutes - 1) + i;
                var slot = Slot(minute);
                var live = _minuteOf[slot] == minute;
                long Count(OutcomeClass outcome) => live ? _counts[slot, (int)outcome] : 0;
                minutes[i] = new SecurityViewMinute(
                    DateTimeOffset.FromUnixTimeSeconds(minute * 60),
                    Count(OutcomeClass.Success),
                    Count(OutcomeClass.ClientError),
                    Count(OutcomeClass.Denied),
                    Count(OutcomeClass.RateLimited),
                    Count(OutcomeClass.ServerError));
            }
        }

        return minutes;
    }

    private static long MinuteOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / 60;

    private static int Slot(long minute) => (int)(((minute % Minutes) + Minutes) % Minutes);
}
