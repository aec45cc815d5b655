namespace SecureApi.TemplateTests;

/// <summary>
/// SecureApi and SecureApi.Templates packed once for the whole run into a local feed, and the template installed from
/// its .nupkg into a hive of its own (<c>--debug:custom-hive</c>), so the machine's own template list is never touched.
/// Both test classes share it; it is removed, with the run's copies in the package cache, when the run ends.
/// </summary>
public sealed class InstalledTemplate
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<Task<InstalledTemplate>> s_shared = new(CreateAsync);

    private readonly DirectoryInfo _root;

    private InstalledTemplate(DirectoryInfo root)
    {
        _root = root;
        Feed = new LocalFeed(root.FullName);
    }

    public static Task<InstalledTemplate> SharedAsync() => s_shared.Value;

    public LocalFeed Feed { get; }

    public string Hive => Path.Combine(_root.FullName, "hive");

    /// <summary>A new empty folder under the feed's nuget.config, for one generated service.</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(_root.FullName, name)).FullName;

    private static async Task<InstalledTemplate> CreateAsync()
    {
        var template = new InstalledTemplate(Directory.CreateTempSubdirectory("secureapi-template-"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.Delete();
        await template.Feed.PackAsync(Path.Combine("src", "Runtime", "SecureApi.csproj"));
        await template.Feed.PackAsync(Path.Combine("src", "Templates", "SecureApi.Templates.csproj"));
        await ProcessRunner.RunAsync("dotnet", $"new install \"{template.Feed.Package("SecureApi.Templates")}\" --debug:custom-hive \"{template.Hive}\"", template._root.FullName, InstallTimeout);
        return template;
    }

    private void Delete()
    {
        _root.Delete(recursive: true);

        // The run's version of each package, extracted into the machine's package cache by the restores.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "secureapi", "secureapi.templates" })
        {
            var extracted = new DirectoryInfo(Path.Combine(cache, id, Feed.Version));
            if (extracted.Exists)
            {
                extracted.Delete(recursive: true);
            }
        }
    }
}
