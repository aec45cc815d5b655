namespace SecureApi.PackageTests;

/// <summary>
/// <c>SecureApiDatabaseEngines</c> through the packed package: a trimmed publish carries only the engines named, and
/// configuring a left-out engine stops the trimmed service at start-up.
/// </summary>
[Collection(SharedPackedPackage.Name)]
public sealed class LeanPublishTests(PackedPackage package)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3); // a trimmed self-contained start took over 45 s on the shared CI machine under load
    private static readonly string[] SqliteFiles = ["Microsoft.Data.Sqlite.dll", "SQLitePCLRaw.core.dll", "SQLitePCLRaw.provider.e_sqlite3.dll", "SQLitePCLRaw.batteries_v2.dll", "libe_sqlite3.so"];

    [Fact]
    public async Task SqliteOnlyTrimmedPublishLeavesNpgsqlOut()
    {
        var publish = await LeanConsumer.PublishAsync(package, "Sqlite");

        Assert.False(File.Exists(Path.Combine(publish, "Npgsql.dll")));
        Assert.True(File.Exists(Path.Combine(publish, "Microsoft.Data.Sqlite.dll")));
        Assert.True(File.Exists(Path.Combine(publish, "libe_sqlite3.so")));
    }

    [Fact]
    public async Task PostgreSqlOnlyTrimmedPublishLeavesSqliteAndItsNativeLibraryOut()
    {
        var publish = await LeanConsumer.PublishAsync(package, "PostgreSql");

        Assert.All(SqliteFiles, file => Assert.False(File.Exists(Path.Combine(publish, file)), file));
        Assert.Empty(Directory.GetFiles(publish, "SQLitePCLRaw*"));
        Assert.True(File.Exists(Path.Combine(publish, "Npgsql.dll")));
    }

    [Fact]
    public async Task PostgreSqlOnlyBuildConfiguredForSqliteRefusesToStartNamingTheProperty()
    {
        var publish = await LeanConsumer.PublishAsync(package, "PostgreSql");

        // Development with no connection string selects SQLite, which this build left out.
        var (exitCode, output) = await ProcessRunner.RunToExitAsync(Path.Combine(publish, "Consumer"), "--environment Development --urls http://127.0.0.1:0", publish, StartTimeout);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(
            "SecureApi:Database:Engine and SecureApi:Database:PostgreSql are unset, so the engine is Sqlite, but this build left Sqlite out (SecureApiDatabaseEngines = PostgreSql): add Sqlite to the app's <SecureApiDatabaseEngines> property",
            output,
            StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(publish, "data")));
    }

    [Fact]
    public async Task DefaultTrimmedPublishKeepsBothEngines()
    {
        var publish = await LeanConsumer.PublishAsync(package, engines: null);

        Assert.True(File.Exists(Path.Combine(publish, "Npgsql.dll")));
        Assert.All(SqliteFiles, file => Assert.True(File.Exists(Path.Combine(publish, file)), file));
    }
}
