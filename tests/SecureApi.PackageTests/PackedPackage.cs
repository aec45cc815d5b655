namespace SecureApi.PackageTests;

/// <summary>Packs SecureApi once into a local feed; every package test reads that package or restores from that feed.</summary>
public sealed class PackedPackage : IAsyncLifetime
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("secureapi-package-");
    private readonly LocalFeed _feed;

    public PackedPackage() => _feed = new LocalFeed(_root.FullName);

    public string Version => _feed.Version;

    public string Root => _root.FullName;

    public string Feed => _feed.Feed;

    public string Package => _feed.Package("SecureApi");

    public string SymbolsPackage => Path.Combine(Feed, $"SecureApi.{Version}.snupkg");

    public string Repository => _feed.Repository;

    public Task InitializeAsync() => _feed.PackAsync(Path.Combine("src", "Runtime", "SecureApi.csproj"));

    public Task DisposeAsync()
    {
        _root.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The package tests share one pack (and so one restore of its version), and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPackedPackage : ICollectionFixture<PackedPackage>
{
    public const string Name = "packed package";
}
