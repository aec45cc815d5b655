using System.Diagnostics;
using System.Text;

namespace SecureApi.Testing;

/// <summary>
/// Finds the PostgreSQL server binaries and runs them. initdb and postgres refuse to run as root, so as root they run as
/// the <c>postgres</c> user through runuser. Binaries: <c>SECUREAPI_PG_BIN</c>, else the newest
/// <c>/usr/lib/postgresql/*/bin</c> (CI installs PostgreSQL 15).
/// </summary>
internal sealed class PostgresTools
{
    public const string BinDirectoryVariable = "SECUREAPI_PG_BIN";

    private const string OsUser = "postgres";
    private static readonly TimeSpan s_toolTimeout = TimeSpan.FromSeconds(90);
    private static readonly string[] s_runUserPaths = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"];

    private readonly string _bin;

    private PostgresTools(string bin) => _bin = bin;

    /// <summary>Whether the tools must switch to the <c>postgres</c> user (and so own the cluster's directory).</summary>
    public static bool SwitchUser => Environment.IsPrivilegedProcess;

    public static PostgresTools Find()
    {
        var configured = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        string[] candidates = configured is { Length: > 0 }
            ? [configured]
            : Directory.Exists("/usr/lib/postgresql")
                ? [.. Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderByDescending(VersionOf)]
                : [];
        var bin = candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "postgres")))
            ?? throw new InvalidOperationException($"PostgreSQL server binaries not found: install postgresql-15 (as .ci/run does) or set {BinDirectoryVariable}.");
        return new PostgresTools(bin);
    }

    /// <summary>Hands <paramref name="directory"/> to the <c>postgres</c> user when the tools run as that user.</summary>
    public static async Task GiveToPostgresAsync(string directory, CancellationToken cancellationToken)
    {
        if (SwitchUser)
        {
            await RunToEndAsync(Command("chown", ["-R", OsUser + ":", directory], switchUser: false, directory), cancellationToken);
        }
    }

    /// <summary>Runs <paramref name="tool"/> to completion, failing with its output on a non-zero exit or after 90 s.</summary>
    public Task RunAsync(string tool, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken) =>
        RunToEndAsync(Command(Path.Combine(_bin, tool), arguments, SwitchUser, workingDirectory), cancellationToken);

    /// <summary>Starts the server in the foreground; its log (stdout and stderr) goes into <paramref name="log"/>.</summary>
    public Process StartServer(IEnumerable<string> arguments, string workingDirectory, StringBuilder log)
    {
        var process = new Process { StartInfo = Command(Path.Combine(_bin, "postgres"), arguments, SwitchUser, workingDirectory) };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private static async Task RunToEndAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_toolTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{Describe(start)} did not finish in {s_toolTimeout.TotalSeconds} s:\n{await output}{await error}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Describe(start)} exited with {process.ExitCode}:\n{await output}{await error}");
        }
    }

    private static ProcessStartInfo Command(string file, IEnumerable<string> arguments, bool switchUser, string workingDirectory)
    {
        var start = new ProcessStartInfo(switchUser ? RunUser() : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory, // the postgres user may not enter the test's own directory
        };
        if (switchUser)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(OsUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(file);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Stray PGDATA, PGPORT, PGHOST... must not steer the tools; English messages, so "could not bind" can be recognised.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["LC_ALL"] = "C";
        return start;
    }

    private static string RunUser() =>
        s_runUserPaths.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"Running as root, but runuser (util-linux) is missing: it runs PostgreSQL as the '{OsUser}' user.");

    private static string Describe(ProcessStartInfo start) => $"{start.FileName} {string.Join(' ', start.ArgumentList)}";

    private static int VersionOf(string bin) =>
        int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : 0;
}
