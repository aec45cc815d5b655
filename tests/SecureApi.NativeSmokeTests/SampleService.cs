using System.Diagnostics;

namespace SecureApi.NativeSmokeTests;

/// <summary>
/// One published build of the sample running as a child process on loopback: its address, and everything it wrote to
/// stdout and stderr, for failure messages. Killed on dispose.
/// </summary>
public sealed class SampleService : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly ProcessLog _log;

    private SampleService(SampleBuild build, Process process, ProcessLog log, Uri address)
    {
        Build = build;
        _process = process;
        _log = log;
        Address = address;
    }

    public SampleBuild Build { get; }

    public Uri Address { get; }

    /// <summary>What the process has written so far, stdout and stderr interleaved as they arrived.</summary>
    public string Output => _log.ToString();

    /// <summary>
    /// Starts the build in <paramref name="folder"/> (its content root: appsettings.json is read from there) with
    /// <paramref name="environment"/>, and returns once it listens and answers its liveness probe.
    /// </summary>
    internal static async Task<SampleService> StartAsync(SampleBuild build, string folder, IReadOnlyDictionary<string, string> environment)
    {
        var start = build switch
        {
            SampleBuild.NativeBinary => new ProcessStartInfo(Path.Combine(folder, "NotesService")),
            SampleBuild.JitBuild => new ProcessStartInfo("dotnet", $"\"{Path.Combine(folder, "NotesService.dll")}\""),
            _ => throw new ArgumentOutOfRangeException(nameof(build), build, null),
        };
        start.WorkingDirectory = folder;
        start.UseShellExecute = false;
        // Nothing from the test runner's own environment may configure the service: only what the smoke run sets.
        foreach (var inherited in start.Environment.Keys.Where(IsServiceSetting).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var log = new ProcessLog();
        var (process, address) = await ServiceOutput.StartAsync(start, StartTimeout, build.ToString(), log);

        var service = new SampleService(build, process, log, address);
        try
        {
            await service.WaitUntilHealthyAsync();
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Polls the liveness probe (never rate limited) until it answers 200.</summary>
    private async Task WaitUntilHealthyAsync()
    {
        using var client = SmokeClient.Create(Address);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not accepting connections yet.
            }

            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // flushes the redirected output
                throw new InvalidOperationException($"The {Build} exited with {_process.ExitCode} before answering /health:\n{Output}");
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"The {Build} did not answer /health with 200 within {StartTimeout.TotalSeconds} s:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static bool IsServiceSetting(string name) =>
        name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("SecureApi__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Kestrel__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase);
}
