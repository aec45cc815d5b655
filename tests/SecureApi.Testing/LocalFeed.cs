namespace SecureApi.Testing;

/// <summary>
/// A folder of packages packed from this repository at a version made for one test run, and the nuget.config that puts
/// it before the machine's own sources: projects written under <see cref="Root"/> restore SecureApi from here, and
/// everything else as a user's would.
/// </summary>
public sealed class LocalFeed
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(10);

    public LocalFeed(string root)
    {
        Root = root;
        Directory.CreateDirectory(Feed);
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>Unique, so no stale copy comes from the package cache.</summary>
    public string Version { get; } = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    /// <summary>The folder whose nuget.config names the feed; projects under it restore from the feed.</summary>
    public string Root { get; }

    public string Feed => Path.Combine(Root, "feed");

    public string Repository { get; } = RepositoryRoot.Find();

    /// <summary>The path of package <paramref name="id"/> in the feed once packed.</summary>
    public string Package(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>Packs the project at <paramref name="project"/> (relative to the repository) into the feed at <see cref="Version"/>.</summary>
    public async Task PackAsync(string project)
    {
        using var turn = await TakeTurnAsync();
        await ProcessRunner.RunAsync("dotnet", $"pack \"{Path.Combine(Repository, project)}\" -c Release -o \"{Feed}\" -p:Version={Version}", Repository, PackTimeout);
    }

    /// <summary>
    /// dotnet test runs the test projects in parallel, and each pack writes the same obj/Release and bin/Release folders
    /// of the packed projects: one pack at a time across processes, by holding a lock file open exclusively.
    /// </summary>
    private async Task<FileStream> TakeTurnAsync()
    {
        var path = Path.Combine(Repository, "artifacts", "pack.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < PackTimeout)
            {
                await Task.Delay(500);
            }
        }
    }
}
