using SecureApi.SecurityView;

namespace SecureApi.IntegrationTests;

/// <summary>The security view's per-minute ring: each answer lands in its minute and class; an hour-old bucket reads as empty.</summary>
public sealed class OutcomeTimelineTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnswersAreCountedInTheirMinuteByOutcomeClass()
    {
        var timeline = new OutcomeTimeline();
        foreach (var status in new[] { 200, 204, 302, 400, 404, 401, 403, 429, 500, 503 })
        {
            timeline.Record(Noon.AddSeconds(30), status);
        }

        Assert.Equal(new SecurityViewMinute(Noon, 3, 2, 2, 1, 2), timeline.Snapshot(Noon.AddSeconds(59))[^1]);
    }

    [Fact]
    public void ABucketLastWrittenAnHourAgoReadsAsEmpty()
    {
        var timeline = new OutcomeTimeline();
        timeline.Record(Noon, 401);

        var anHourLater = timeline.Snapshot(Noon.AddMinutes(60));

        Assert.All(anHourLater, minute => Assert.Equal(0, minute.Denied));
    }

    [Fact]
    public void TheSnapshotIsTheLastSixtyMinutesOldestFirst()
    {
        var minutes = new OutcomeTimeline().Snapshot(Noon.AddSeconds(10));

        Assert.Equal((Noon.AddMinutes(-59), Noon), (minutes[0].Minute, minutes[^1].Minute));
    }
}
