using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Xunit;

namespace SecureApi.SampleTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for integration tests: a fresh cluster in a temp
/// directory, listening on a free loopback port, removed again on dispose.
/// Use it as an xunit class or collection fixture; call <see cref="CreateDatabaseAsync()"/>
/// for a database that is isolated from other tests.
/// </summary>
/// <remarks>
/// Binaries: <c>SECUREAPI_PG_BIN</c>, else <c>/usr/lib/postgresql/15/bin</c>, else the newest
/// <c>/usr/lib/postgresql/*/bin</c>. initdb refuses to run as root, so when we are root the
/// server tools run as the <c>postgres</c> OS user (runuser, setpriv or su, whichever exists).
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string BinDirEnvVar = "SECUREAPI_PG_BIN";
    public const string DefaultDatabase = "test";

    private const string OsUser = "postgres";
    private const string SuperUser = "postgres";
    private const int StartAttempts = 3;
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90); // above pg_ctl -t 60, so pg_ctl reports its own timeout first

    private readonly object _gate = new();
    private readonly List<string> _handedOut = new();
    private string? _binDir;
    private string? _rootDir;
    private bool _running;
    private int _disposed;

    public string Host => "127.0.0.1";
    public int Port { get; private set; }

    /// <summary>Connection string (pooled) for the database created at start-up.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Cluster directory; gone after dispose.</summary>
    public string DataDirectory => Path.Combine(RootDir, "data");

    /// <summary>Temp directory holding the cluster, socket directory and server log.</summary>
    public string RootDirectory => RootDir;

    public string LogFile => Path.Combine(RootDir, "server.log");

    private string RootDir => _rootDir ?? throw new InvalidOperationException("Server not initialized.");
    private string SocketDir => Path.Combine(RootDir, "socket");

    /// <summary>Starts a server outside xunit's fixture machinery; dispose it when done.</summary>
    /// <param name="binDirectory">PostgreSQL bin directory; null means the usual lookup.</param>
    public static async Task<PostgresServer> StartAsync(string? binDirectory = null, CancellationToken ct = default)
    {
        var server = new PostgresServer { _binDir = binDirectory };
        await server.StartCoreAsync(ct).ConfigureAwait(false);
        return server;
    }

    public Task InitializeAsync() => StartCoreAsync(CancellationToken.None);

    /// <summary>Creates a fresh database with a unique name and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(CancellationToken ct = default) =>
        CreateDatabaseAsync("db_" + Guid.NewGuid().ToString("N"), ct);

    /// <summary>Creates database <paramref name="name"/> and returns its (pooled) connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        // Postgres silently truncates longer identifiers, which would make the connection string lie.
        if (Encoding.UTF8.GetByteCount(name) > 63 || name.Contains('\0'))
            throw new ArgumentException("Database name must be 1-63 bytes without NUL.", nameof(name));
        if (!_running)
            throw new InvalidOperationException("Server is not running.");

        await using (var conn = new NpgsqlConnection(BuildConnectionString("postgres", pooling: false)))
        {
            await conn.OpenAsync(ct).ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", conn);
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var cs = BuildConnectionString(name, pooling: true);
        lock (_gate) _handedOut.Add(cs);
        return cs;
    }

    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;

        // Idle pooled connections would otherwise linger as dead sockets in Npgsql's pool.
        string[] handedOut;
        lock (_gate) handedOut = _handedOut.ToArray();
        foreach (var cs in handedOut)
        {
            using var conn = new NpgsqlConnection(cs);
            NpgsqlConnection.ClearPool(conn);
        }

        try
        {
            // A pg_ctl that timed out may still have left a postmaster behind.
            if (_running || (_rootDir is not null && File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))))
                await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            DeleteRootDir();
        }
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        if (_rootDir is not null)
            throw new InvalidOperationException("Server already started.");

        try
        {
            _binDir = FindBinDir(_binDir);
            // mkdtemp-style: unique and mode 0700; handed to the postgres user below.
            _rootDir = Directory.CreateTempSubdirectory("pgfixture-").FullName;
            Directory.CreateDirectory(SocketDir);
            if (RunAsOtherUser)
                await RunAsync("chown", ["-R", $"{OsUser}:", RootDir], asPostgres: false, ct).ConfigureAwait(false);

            await RunAsync(Tool("initdb"),
                ["-D", DataDirectory, "-A", "trust", "-U", SuperUser, "-E", "UTF8", "--locale=C",
                 "--no-sync", "--no-instructions"],
                asPostgres: true, ct).ConfigureAwait(false);

            await StartServerAsync(ct).ConfigureAwait(false);
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;

            ConnectionString = await CreateDatabaseAsync(DefaultDatabase, ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A half-started fixture may never be disposed by its caller, so clean up here.
            var log = ReadLogSafe();
            try
            {
                await DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The start failure is the one worth reporting.
            }
            if (ex is PostgresServerException or OperationCanceledException || log.Length == 0)
                throw;
            throw new PostgresServerException($"PostgreSQL fixture failed to start: {ex.Message}\n--- server log ---\n{log}", ex);
        }
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Another process may grab the port between probe and bind; retry on a new one.
            Port = GetFreeLoopbackPort();
            var options = string.Join(' ',
                $"-p {Port}",
                "-c listen_addresses=127.0.0.1",
                $"-c unix_socket_directories={ShellQuote(SocketDir)}",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=200");
            try
            {
                await RunAsync(Tool("pg_ctl"),
                    ["start", "-w", "-t", "60", "-D", DataDirectory, "-l", LogFile, "-o", options],
                    asPostgres: true, ct).ConfigureAwait(false);
                _running = true;
                return;
            }
            catch (PostgresServerException) when (attempt < StartAttempts && ReadLogSafe().Contains("could not bind"))
            {
                // Fall through to retry with a different port.
            }
        }
    }

    private async Task StopAsync()
    {
        try
        {
            // Immediate: nothing needs to survive, and it skips the shutdown checkpoint.
            await RunAsync(Tool("pg_ctl"), ["stop", "-w", "-t", "30", "-m", "immediate", "-D", DataDirectory],
                asPostgres: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (PostgresServerException)
        {
            KillPostmaster();
            throw;
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>Last resort when the test host exits without disposing us: don't leak a server.</summary>
    private void OnProcessExit(object? sender, EventArgs e)
    {
        KillPostmaster();
        DeleteRootDir();
    }

    private void KillPostmaster()
    {
        try
        {
            var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
            {
                using var p = Process.GetProcessById(pid);
                p.Kill(entireProcessTree: true);
                p.WaitForExit(5000);
            }
        }
        catch (Exception)
        {
            // Best effort only; the process may already be gone.
        }
    }

    private void DeleteRootDir()
    {
        if (_rootDir is null || !Directory.Exists(_rootDir))
            return;
        try
        {
            Directory.Delete(_rootDir, recursive: true);
        }
        catch (IOException)
        {
            // A just-killed postmaster may still be removing files; one retry is enough in practice.
            Thread.Sleep(200);
            Directory.Delete(_rootDir, recursive: true);
        }
    }

    private string BuildConnectionString(string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = SuperUser,
            Database = database,
            Pooling = pooling,
        }.ConnectionString;

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    private string Tool(string name) => Path.Combine(_binDir!, name);

    private string ReadLogSafe()
    {
        try
        {
            return _rootDir is not null && File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static int GetFreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static string FindBinDir(string? explicitDir)
    {
        if (!string.IsNullOrWhiteSpace(explicitDir))
        {
            return HasServerTools(explicitDir)
                ? explicitDir
                : throw new PostgresServerException($"{explicitDir} does not contain initdb, pg_ctl and postgres.");
        }

        var fromEnv = Environment.GetEnvironmentVariable(BinDirEnvVar);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return HasServerTools(fromEnv)
                ? fromEnv
                : throw new PostgresServerException($"{BinDirEnvVar}={fromEnv} does not contain initdb, pg_ctl and postgres.");
        }

        const string preferred = "/usr/lib/postgresql/15/bin";
        if (HasServerTools(preferred))
            return preferred;

        const string root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d),
                    System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(x => HasServerTools(x.Dir))
                .OrderByDescending(x => x.Version)
                .Select(x => x.Dir)
                .FirstOrDefault()
            : null;
        return found ?? throw new PostgresServerException(
            $"PostgreSQL server binaries not found: set {BinDirEnvVar} or install postgresql (looked in {root}/*/bin).");
    }

    private static bool HasServerTools(string dir) =>
        new[] { "initdb", "pg_ctl", "postgres" }.All(t => File.Exists(Path.Combine(dir, t)));

    // initdb and postgres refuse to run as root.
    private static bool RunAsOtherUser => Environment.IsPrivilegedProcess;

    /// <summary>
    /// Runs a tool to completion, reading stdout and stderr concurrently so a full pipe can't deadlock,
    /// and throws with both streams (and the server log) on failure or timeout.
    /// </summary>
    private async Task RunAsync(string file, IReadOnlyList<string> args, bool asPostgres, CancellationToken ct)
    {
        var psi = WrapForUser(file, args, asPostgres && RunAsOtherUser);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = false;
        psi.UseShellExecute = false;
        // The postgres user may not be able to enter our cwd (e.g. /root), which initdb complains about.
        psi.WorkingDirectory = _rootDir ?? Path.GetTempPath();
        // Stray PGDATA/PGPORT/PGHOST etc. from the caller's environment must not steer the tools.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        // English messages, so the "could not bind" check in StartServerAsync holds.
        psi.Environment["LC_ALL"] = "C";

        using var process = Process.Start(psi)
            ?? throw new PostgresServerException($"Could not start {psi.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ToolTimeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var output = (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
        if (timedOut || process.ExitCode != 0)
        {
            ct.ThrowIfCancellationRequested();
            var what = timedOut ? $"timed out after {ToolTimeout.TotalSeconds:0}s" : $"exited with code {process.ExitCode}";
            var log = ReadLogSafe();
            throw new PostgresServerException(
                $"{Path.GetFileName(file)} {what}: {psi.FileName} {string.Join(' ', psi.ArgumentList)}\n" +
                $"--- output ---\n{output.TrimEnd()}" +
                (log.Length > 0 ? $"\n--- server log ({LogFile}) ---\n{log.TrimEnd()}" : ""));
        }
    }

    private static ProcessStartInfo WrapForUser(string file, IReadOnlyList<string> args, bool switchUser)
    {
        var psi = new ProcessStartInfo();
        if (!switchUser)
        {
            psi.FileName = file;
            foreach (var a in args) psi.ArgumentList.Add(a);
            return psi;
        }

        // runuser and setpriv take an argv directly; su needs a shell command line.
        if (FindExecutable("runuser") is { } runuser)
        {
            psi.FileName = runuser;
            foreach (var a in new[] { "-u", OsUser, "--", file }.Concat(args)) psi.ArgumentList.Add(a);
        }
        else if (FindExecutable("setpriv") is { } setpriv)
        {
            psi.FileName = setpriv;
            foreach (var a in new[] { $"--reuid={OsUser}", $"--regid={OsUser}", "--init-groups", "--", file }.Concat(args))
                psi.ArgumentList.Add(a);
        }
        else if (FindExecutable("su") is { } su)
        {
            psi.FileName = su;
            foreach (var a in new[] { OsUser, "-s", "/bin/sh", "-c", string.Join(' ', new[] { file }.Concat(args).Select(ShellQuote)) })
                psi.ArgumentList.Add(a);
        }
        else
        {
            throw new PostgresServerException(
                $"Running as root but none of runuser, setpriv, su was found to switch to the '{OsUser}' user.");
        }
        return psi;
    }

    private static string? FindExecutable(string name)
    {
        // The test host's PATH may lack the sbin directories, where runuser lives.
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>The throwaway server could not be started or stopped; the message carries tool output and server log.</summary>
public sealed class PostgresServerException : Exception
{
    public PostgresServerException(string message) : base(message) { }
    public PostgresServerException(string message, Exception inner) : base(message, inner) { }
}
