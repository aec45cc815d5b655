using System.Diagnostics;

namespace SecureApi.Testing;

/// <summary>Runs a command to completion, failing with its whole output when it exits non-zero. Shared by the package and template tests.</summary>
public static class ProcessRunner
{
    public static async Task<string> RunAsync(string fileName, string arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (exitCode, output) = await RunToExitAsync(fileName, arguments, workingDirectory, timeout, environment);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {arguments}' exited with {exitCode}:\n{output}");
        }

        return output;
    }

    /// <summary>Runs a command to completion and returns its exit code and whole output, for a command expected to fail.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string fileName, string arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(fileName, arguments, workingDirectory, out var output, environment);
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {arguments}' did not finish in {timeout}:\n{output}");
        }

        process.WaitForExit(); // flushes the redirected output
        return (process.ExitCode, output.ToString());
    }

    /// <summary>Starts a command with its output (stdout and stderr) captured into <paramref name="output"/>, plus <paramref name="environment"/>.</summary>
    public static Process Start(string fileName, string arguments, string workingDirectory, out ProcessLog output, IReadOnlyDictionary<string, string>? environment = null)
    {
        var captured = new ProcessLog();
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(fileName, arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.StartInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        process.StartInfo.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            process.StartInfo.Environment[name] = value;
        }

        process.OutputDataReceived += (_, e) => captured.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => captured.AppendLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = captured;
        return process;
    }
}
