using NotesService;
using SecureApi.SampleTests.Infrastructure;

namespace SecureApi.SampleTests;

/// <summary>The start-up banner names the database the sample really uses, not a default it no longer uses.</summary>
public sealed class StartupBannerTests
{
    [Fact]
    public async Task BannerNamesTheConfiguredSqliteFile()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory();

        Assert.Equal("SQLite, " + storage.FilePath, StartupBanner.DescribeDatabase(factory.Services));
    }
}
