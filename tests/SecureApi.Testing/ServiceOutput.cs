using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SecureApi.Testing;

/// <summary>Watches the output of a service started as a child process until Kestrel says where it listens.</summary>
public static partial class ServiceOutput
{
    /// <summary>
    /// Starts <paramref name="start"/> with its output captured (into <paramref name="log"/> when given) and returns the process and the address it listens on; a process that does not get there is killed
    /// and the failure carries its output.
    /// </summary>
    public static async Task<(Process Process, Uri Address)> StartAsync(ProcessStartInfo start, TimeSpan timeout, string name, ProcessLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        log ??= new ProcessLog();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => log.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => log.AppendLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return (process, await WaitUntilListeningAsync(process, log, timeout, name));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The address the service logs once it is listening, returned when it has also logged that it started (every hosted
    /// service has run). Polls <paramref name="log"/>, failing at once with the output if
    /// the process exits, or after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<Uri> WaitUntilListeningAsync(Process process, ProcessLog log, TimeSpan timeout, string name)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var output = log.ToString();

            var listening = ListeningLine().Match(output);
            if (listening.Success && output.Contains("Application started.", StringComparison.Ordinal))
            {
                return new Uri(listening.Groups["address"].Value);
            }

            if (process.HasExited)
            {
                await process.WaitForExitAsync(); // flushes the redirected output
                throw new InvalidOperationException($"The {name} exited with {process.ExitCode} before listening:\n{log}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The {name} was not listening after {timeout.TotalSeconds} s:\n{output}");
            }

            await Task.Delay(50);
        }
    }

    // Plain console ("Now listening on: http://…") and JSON console ("Message":"Now listening on: http://…",) alike.
    [GeneratedRegex(@"Now listening on: (?<address>https?://[^\s""]+)")]
    private static partial Regex ListeningLine();
}
