using Xunit.Abstractions;

namespace SecureApi.TemplateTests;

/// <summary>
/// Every combination of <c>--aot</c> and <c>--no-sample-data</c> with the default database, SQLite. Runs beside
/// <see cref="PostgresTemplateTests"/> (another collection), so two services build at a time.
/// </summary>
public sealed class SqliteTemplateTests(SharedTemplate shared, ITestOutputHelper log) : IClassFixture<SharedTemplate>
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task GeneratedServiceBuildsPassesItsTestsAndServes(bool aot, bool noSampleData)
    {
        var template = await shared.GetAsync();

        await new GeneratedService(template, new TemplateOptions("sqlite", aot, noSampleData), log).CheckAsync();
    }
}
