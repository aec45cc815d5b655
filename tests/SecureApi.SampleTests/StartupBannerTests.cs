using NotesService;
using SecureApi.SampleTests.Infrastructure;

namespace SecureApi.SampleTests;

/// <summary>The start-up banner names the database the sample really uses, and suggests only credentials that exist where it runs.</summary>
public sealed class StartupBannerTests
{
    [Fact]
    public async Task BannerNamesTheConfiguredSqliteFile()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory();

        Assert.Equal("SQLite, " + storage.FilePath, StartupBanner.DescribeDatabase(factory.Services));
    }

    [Fact]
    public void OutsideDevelopmentTheBannerSuggestsNoDevelopmentKey()
    {
        var banner = StartupBanner.Text("http://127.0.0.1:5080", "PostgreSQL", development: false);

        Assert.DoesNotContain("dev-", banner, StringComparison.Ordinal);
    }

    [Fact]
    public void InDevelopmentTheBannerWalksThroughTheDevelopmentKeys()
    {
        var banner = StartupBanner.Text("http://127.0.0.1:5080", "PostgreSQL", development: true);

        Assert.Contains("curl -H 'X-Api-Key: dev-alice-key'", banner, StringComparison.Ordinal);
    }
}
