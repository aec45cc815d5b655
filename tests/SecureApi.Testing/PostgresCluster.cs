using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace SecureApi.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster: a fresh data directory under the temp folder, trust authentication, a free loopback
/// port, no Unix socket, no durability (fsync off). Dispose stops the server and removes the directory.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const int StartAttempts = 5;
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(30);

    private readonly PostgresTools _tools;
    private readonly DirectoryInfo _root;
    private readonly StringBuilder _log = new();
    private readonly List<string> _handedOut = [];
    private Process? _server;

    private PostgresCluster(PostgresTools tools, DirectoryInfo root)
    {
        _tools = tools;
        _root = root;
    }

    public const string Host = "127.0.0.1";

    public int Port { get; private set; }

    /// <summary>The <c>postgres</c> database, as the <c>postgres</c> superuser.</summary>
    public string ConnectionString => Connection("postgres", pooling: true);

    /// <summary>What the server has logged so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private string DataDirectory => Path.Combine(_root.FullName, "data");

    /// <summary>Creates and starts a cluster; on failure the exception carries the tool output or server log.</summary>
    public static async Task<PostgresCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        var cluster = new PostgresCluster(PostgresTools.Find(), Directory.CreateTempSubdirectory("secureapi-pg-"));
        try
        {
            await PostgresTools.GiveToPostgresAsync(cluster._root.FullName, cancellationToken);
            await cluster._tools.RunAsync(
                "initdb",
                ["-D", cluster.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                cluster._root.FullName,
                cancellationToken);
            await cluster.StartServerAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a database no one else uses and returns its (pooled) connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = "db_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(Connection("postgres", pooling: false)))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = Connection(name, pooling: true);
        lock (_handedOut)
        {
            _handedOut.Add(connectionString);
        }

        return connectionString;
    }

    /// <summary>
    /// Stops the server as an operator would (fast shutdown: sessions ended, transactions in flight rolled back, committed
    /// data kept — the cluster commits asynchronously, so an immediate stop could lose acknowledged commits), for fault tests.
    /// </summary>
    public Task StopAsync() => StopServerAsync("fast");

    /// <summary>Starts a stopped server again on the same port, with the same data; returns once it accepts connections.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        _server = LaunchServer();
        if (!await WaitUntilReadyAsync(_server, cancellationToken))
        {
            await _server.WaitForExitAsync(cancellationToken);
            throw new InvalidOperationException($"PostgreSQL exited while restarting on port {Port}:\n{Log}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        string[] handedOut;
        lock (_handedOut)
        {
            handedOut = [.. _handedOut, ConnectionString];
        }

        // Idle pooled connections would otherwise linger as dead sockets in Npgsql's pools.
        foreach (var connectionString in handedOut)
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        try
        {
            await StopServerAsync();
        }
        finally
        {
            _root.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Starts the server on a free port and waits until it accepts connections. Another process may take the port
    /// between the probe and the bind; then the server exits with "could not bind" and we retry on a new port.
    /// </summary>
    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            lock (_log)
            {
                _log.Clear();
            }

            _server = LaunchServer();

            if (await WaitUntilReadyAsync(_server, cancellationToken))
            {
                return;
            }

            await _server.WaitForExitAsync(cancellationToken); // flushes the redirected output into the log
            var log = Log;
            _server.Dispose();
            _server = null;
            if (attempt == StartAttempts || !log.Contains("could not bind", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"PostgreSQL exited while starting on port {Port}:\n{log}");
            }
        }
    }

    private Process LaunchServer() => _tools.StartServer(
        [
            "-D", DataDirectory, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200",
        ],
        _root.FullName,
        _log);

    /// <summary>True once the server accepts a connection; false if it exits first; throws with its log at the deadline.</summary>
    private async Task<bool> WaitUntilReadyAsync(Process server, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var probe = new NpgsqlConnectionStringBuilder(Connection("postgres", pooling: false)) { Timeout = 5 }.ConnectionString;
        while (!server.HasExited)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(cancellationToken);
                return true;
            }
            catch (NpgsqlException) when (deadline.Elapsed < s_startTimeout)
            {
                // Not listening yet, or still starting up ("the database system is starting up"): poll again.
                await Task.Delay(50, cancellationToken);
            }
            catch (NpgsqlException exception)
            {
                throw new TimeoutException($"PostgreSQL did not accept connections on port {Port} within {s_startTimeout.TotalSeconds} s:\n{Log}", exception);
            }
        }

        return false;
    }

    private async Task StopServerAsync(string mode = "immediate")
    {
        if (_server is null)
        {
            return;
        }

        try
        {
            if (!_server.HasExited)
            {
                // Immediate: nothing needs to survive, and pg_ctl's SIGQUIT still lets the postmaster release shared memory.
                await _tools.RunAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", mode, "-w", "-t", "30"], _root.FullName, CancellationToken.None);
            }

            using var stopped = new CancellationTokenSource(s_stopTimeout);
            await _server.WaitForExitAsync(stopped.Token);
        }
        catch (Exception) when (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            throw;
        }
        finally
        {
            _server.Dispose();
            _server = null;
        }
    }

    private string Connection(string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = "postgres",
            Database = database,
            Pooling = pooling,
            Timeout = 30,
        }.ConnectionString;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
