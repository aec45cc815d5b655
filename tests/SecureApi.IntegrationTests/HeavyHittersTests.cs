using SecureApi.SecurityView;

namespace SecureApi.IntegrationTests;

/// <summary>The top-denied tables stay within their capacity however many distinct names arrive, and still find the loud one.</summary>
public sealed class HeavyHittersTests
{
    [Fact]
    public void AHundredThousandDistinctAddressesNeverGrowTheTablePastItsCapacity()
    {
        var table = new HeavyHitters(SecurityViewRecorder.TrackedNames);

        for (var i = 0; i < 100_000; i++)
        {
            table.Add("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }

        Assert.Equal(SecurityViewRecorder.TrackedNames, table.Tracked);
    }

    [Fact]
    public void AnAddressDeniedOftenIsOnTopAmongAHundredThousandOthers()
    {
        var table = new HeavyHitters(SecurityViewRecorder.TrackedNames);

        for (var i = 0; i < 100_000; i++)
        {
            table.Add("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
            if (i % 50 == 0)
            {
                table.Add("203.0.113.7");
            }
        }

        Assert.Equal("203.0.113.7", table.Top(1)[0].Name);
    }

    [Fact]
    public void ALongNameIsCutSoEachCounterStaysSmall()
    {
        var table = new HeavyHitters(4);

        table.Add(new string('x', 10_000));

        Assert.True(table.Top(1)[0].Name.Length <= SecureApi.Monitoring.SecurityEventDetail.MaxNameLength + 1);
    }
}
