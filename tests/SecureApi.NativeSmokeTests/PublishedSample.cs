using System.Text.RegularExpressions;
using SecureApi.Testing;

namespace SecureApi.NativeSmokeTests;

/// <summary>
/// Publishes samples/NotesService once per test run, both as a native AOT binary and as a JIT build, and starts each at
/// most once. Every build goes into a temporary artifacts folder of its own (obj and bin of the sample and of the
/// projects it references), so it never races the solution build or another test project writing the repository's obj
/// folders. A publish that fails or reports any warning fails every smoke test, with the publish output.
/// </summary>
public sealed partial class PublishedSample : IAsyncLifetime
{
    // A bound for a hung publish only. The native publish compiles the whole service ahead of time: a few minutes on
    // the 2-core CI machine, well over ten when other builds share it.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(25);

    // No telemetry banner, and no build server or node left behind: the test run owns every process it starts, and ends them.
    private static readonly Dictionary<string, string> s_dotnetEnvironment = new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
    };

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("secureapi-native-smoke-");
    private readonly Dictionary<SampleBuild, Task<SampleService>> _services = [];

    public string Repository { get; } = RepositoryRoot.Find();

    private string Artifacts => Path.Combine(_root.FullName, "artifacts");

    private string Folder(SampleBuild build) => Path.Combine(_root.FullName, build.ToString());

    public async Task InitializeAsync()
    {
        var sample = Path.Combine(Repository, "samples", "NotesService");
        // One after the other: the second reuses the referenced projects the first compiled into the same artifacts folder.
        await PublishAsync(SampleBuild.JitBuild, $"publish \"{sample}\" -c Release --artifacts-path \"{Artifacts}\" -o \"{Folder(SampleBuild.JitBuild)}\"");
        await PublishAsync(SampleBuild.NativeBinary, $"publish \"{sample}\" -c Release -r linux-x64 -p:PublishAot=true --artifacts-path \"{Artifacts}\" -o \"{Folder(SampleBuild.NativeBinary)}\"");
    }

    /// <summary>The running service of <paramref name="build"/>, started on first use and shared by that build's tests.</summary>
    public Task<SampleService> ServiceAsync(SampleBuild build)
    {
        lock (_services)
        {
            if (!_services.TryGetValue(build, out var service))
            {
                var data = Directory.CreateDirectory(Path.Combine(_root.FullName, "data-" + build));
                var settings = ProductionSettings.For(Path.Combine(data.FullName, "notes.db"));
                service = SampleService.StartAsync(build, Folder(build), settings);
                _services[build] = service;
            }

            return service;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var service in _services.Values)
        {
            if (service.IsCompletedSuccessfully)
            {
                await service.Result.DisposeAsync();
            }
        }

        _root.Delete(recursive: true);
    }

    private async Task PublishAsync(SampleBuild build, string arguments)
    {
        var (exitCode, output) = await ProcessRunner.RunToExitAsync("dotnet", arguments, Repository, PublishTimeout, s_dotnetEnvironment);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"The {build} publish failed (exit code {exitCode}): 'dotnet {arguments}'\n{output}");
        }

        // Warnings are errors in this repository, so a trim/AOT warning should already have failed the publish; this
        // also catches one that a changed setting let through as a warning.
        var warnings = WarningLine().Matches(output).Select(m => m.Value.Trim()).Distinct().ToList();
        if (warnings.Count > 0)
        {
            throw new InvalidOperationException($"The {build} publish reported warnings:\n{string.Join('\n', warnings)}\n\nWhole output of 'dotnet {arguments}':\n{output}");
        }
    }


    // Any MSBuild warning, and any IL trim/AOT diagnostic (ILC prints some without the word "warning").
    [GeneratedRegex(@"^.*(: warning [A-Z]+\d+|\bIL[23]\d{3}\b).*$", RegexOptions.Multiline)]
    private static partial Regex WarningLine();
}

/// <summary>The smoke tests of both builds share one publish, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPublishedSample : ICollectionFixture<PublishedSample>
{
    public const string Name = "published sample";
}
