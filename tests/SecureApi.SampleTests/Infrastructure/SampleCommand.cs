using System.Diagnostics;

namespace SecureApi.SampleTests.Infrastructure;

/// <summary>The built sample (<c>dotnet NotesService.dll &lt;command&gt;</c>) run as a child process on one database, as an operator runs it.</summary>
public static class SampleCommand
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(DatabaseTarget target, params string[] args)
    {
        using var process = Start(target, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not finish within {s_timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts the command and returns at once (its output redirected), for tests that stop it part-way.</summary>
    public static Process Start(DatabaseTarget target, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = SampleDirectory(), // the content root: the sample's appsettings
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NotesService.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in target.DatabaseSettings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>samples/NotesService of the checkout the tests run from.</summary>
    public static string SampleDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SecureApi.sln")))
            {
                return Path.Combine(directory.FullName, "samples", "NotesService");
            }
        }

        throw new InvalidOperationException("SecureApi.sln not found above " + AppContext.BaseDirectory);
    }
}
