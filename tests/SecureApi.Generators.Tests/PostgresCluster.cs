using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SecureApi.Generators.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster for running generated SQL: a fresh data directory under the temp folder, a free
/// loopback port, trust authentication, removed on dispose. Binaries come from <c>SECUREAPI_PG_BIN</c> or the newest
/// <c>/usr/lib/postgresql/*/bin</c> (CI installs PostgreSQL 15). initdb refuses root, so as root the tools run as the
/// <c>postgres</c> user through runuser.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly DirectoryInfo _root;

    private PostgresCluster(string bin, DirectoryInfo root, int port)
    {
        _bin = bin;
        _root = root;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30";
    }

    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(_root.FullName, "data");

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = FindBinaries();
        var root = Directory.CreateTempSubdirectory("secureapi-generators-pg-");
        var cluster = new PostgresCluster(bin, root, FreePort());
        try
        {
            if (IsRoot)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", root.FullName], asPostgres: false);
            }

            await cluster.ToolAsync("initdb", "-D", cluster.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--locale=C");
            var port = new Npgsql.NpgsqlConnectionStringBuilder(cluster.ConnectionString).Port;
            await cluster.ToolAsync(
                "pg_ctl", "-D", cluster.DataDirectory, "-l", Path.Combine(root.FullName, "server.log"), "-w", "-t", "60",
                "-o", $"-F -p {port} -k {root.FullName} -c listen_addresses=127.0.0.1", "start");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await ToolAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
            }
        }
        finally
        {
            _root.Delete(recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task ToolAsync(string tool, params string[] arguments) => RunAsync(Path.Combine(_bin, tool), arguments, asPostgres: IsRoot);

    private static async Task RunAsync(string file, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(), // readable by the postgres user, unlike the test's directory may be
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in 90 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("SECUREAPI_PG_BIN");
        var candidates = configured is { Length: > 0 }
            ? [configured]
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderByDescending(d => d, StringComparer.Ordinal).ToArray()
                : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found: install postgresql-15 (as .ci/run does) or set SECUREAPI_PG_BIN.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
