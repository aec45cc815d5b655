using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace SecureApi.Testing;

/// <summary>Watches the output of a service started as a child process until Kestrel says where it listens.</summary>
public static partial class ServiceOutput
{
    /// <summary>
    /// The address the service logs once it is listening, returned when it has also logged that it started (every hosted
    /// service has run). Polls <paramref name="log"/> (appended to under its own lock), failing at once with the output if
    /// the process exits, or after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<Uri> WaitUntilListeningAsync(Process process, StringBuilder log, TimeSpan timeout, string name)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            string output;
            lock (log)
            {
                output = log.ToString();
            }

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

    [GeneratedRegex(@"Now listening on: (?<address>https?://\S+)")]
    private static partial Regex ListeningLine();
}
