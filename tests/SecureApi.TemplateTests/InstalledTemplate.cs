namespace SecureApi.TemplateTests;

/// <summary>
/// SecureApi and SecureApi.Templates packed into a local feed, and the template installed from its .nupkg into a hive
/// of its own (<c>--debug:custom-hive</c>), so the machine's own template list is never touched. Packed once per run:
/// the test classes, which run in parallel, share it through <see cref="SharedTemplate"/>, and the last one done
/// removes it with the run's copies in the package cache.
/// </summary>
public sealed class InstalledTemplate
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(2);
    private static readonly Lock s_gate = new();
    private static Task<InstalledTemplate>? s_shared;
    private static int s_users;

    private readonly DirectoryInfo _root;

    private InstalledTemplate(DirectoryInfo root)
    {
        _root = root;
        Feed = new LocalFeed(root.FullName);
    }

    public LocalFeed Feed { get; }

    public string Hive => Path.Combine(_root.FullName, "hive");

    /// <summary>A new empty folder under the feed's nuget.config, for one generated service.</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(_root.FullName, name)).FullName;

    internal static Task<InstalledTemplate> Take()
    {
        lock (s_gate)
        {
            s_users++;
            return s_shared ??= CreateAsync();
        }
    }

    internal static async Task ReleaseAsync()
    {
        Task<InstalledTemplate>? last = null;
        lock (s_gate)
        {
            if (--s_users == 0)
            {
                (last, s_shared) = (s_shared, null);
            }
        }

        if (last is { IsCompletedSuccessfully: true })
        {
            (await last).Delete();
        }
    }

    private static async Task<InstalledTemplate> CreateAsync()
    {
        var template = new InstalledTemplate(Directory.CreateTempSubdirectory("secureapi-template-"));
        try
        {
            await template.Feed.PackAsync(Path.Combine("src", "Runtime", "SecureApi.csproj"));
            await template.Feed.PackAsync(Path.Combine("src", "Templates", "SecureApi.Templates.csproj"));
            await ProcessRunner.RunAsync("dotnet", $"new install \"{template.Feed.Package("SecureApi.Templates")}\" --debug:custom-hive \"{template.Hive}\"", template._root.FullName, InstallTimeout);
            return template;
        }
        catch
        {
            template.Delete();
            throw;
        }
    }

    private void Delete()
    {
        _root.Delete(recursive: true);

        // The run's version of the package, extracted into the machine's package cache by the generated services' restores.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var extracted = new DirectoryInfo(Path.Combine(cache, "secureapi", Feed.Version));
        if (extracted.Exists)
        {
            extracted.Delete(recursive: true);
        }
    }
}

/// <summary>A test class's hold on the <see cref="InstalledTemplate"/> of the run.</summary>
public sealed class SharedTemplate : IAsyncLifetime
{
    private Task<InstalledTemplate>? _template;

    public Task<InstalledTemplate> GetAsync() => _template ?? throw new InvalidOperationException("The fixture has not started.");

    public Task InitializeAsync()
    {
        _template = InstalledTemplate.Take();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => InstalledTemplate.ReleaseAsync();
}
