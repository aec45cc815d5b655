namespace SecureApi.PackageTests;

/// <summary>Packs SecureApi once into a local feed; every package test reads that package or restores from that feed.</summary>
public sealed class PackedPackage : IAsyncLifetime
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(15);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("secureapi-package-");

    // Unique, so no stale copy comes from the package cache.
    public string Version { get; } = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public string Root => _root.FullName;

    public string Feed => Path.Combine(_root.FullName, "feed");

    public string Package => Path.Combine(Feed, $"SecureApi.{Version}.nupkg");

    public string SymbolsPackage => Path.Combine(Feed, $"SecureApi.{Version}.snupkg");

    public string Repository { get; } = FindRepositoryRoot();

    public async Task InitializeAsync() =>
        await ProcessRunner.RunAsync("dotnet", $"pack \"{Path.Combine(Repository, "src", "Runtime", "SecureApi.csproj")}\" -c Release -o \"{Feed}\" -p:Version={Version}", Repository, PackTimeout);

    public Task DisposeAsync()
    {
        _root.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SecureApi.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SecureApi.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The package tests share one pack (and so one restore of its version), and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPackedPackage : ICollectionFixture<PackedPackage>
{
    public const string Name = "packed package";
}
