using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecureApi.Testing;

/// <summary>
/// A throwaway redis-server on a free loopback port: no persistence (no RDB snapshots, no AOF), its working directory
/// under the temp folder. <see cref="StopAsync"/> kills it (as a crash or a network cut would look to a client) and
/// <see cref="RestartAsync"/> starts an empty one on the same port, for outage tests. Dispose kills it.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const int StartAttempts = 5;
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _root;
    private readonly StringBuilder _log = new();
    private Process? _server;

    private RedisServer(DirectoryInfo root) => _root = root;

    public const string Host = "127.0.0.1";

    public int Port { get; private set; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

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

    /// <summary>Starts a server; on failure the exception carries its log.</summary>
    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new RedisServer(Directory.CreateTempSubdirectory("secureapi-redis-"));
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                server.Port = FreePort();
                if (await server.LaunchAsync(cancellationToken))
                {
                    return server;
                }

                // Another process may take the port between the probe and the bind: then retry on a new port.
                if (attempt == StartAttempts || !server.Log.Contains("Address already in use", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"redis-server exited while starting on port {server.Port}:\n{server.Log}");
                }
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server: clients see connections drop and new ones refused.</summary>
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        try
        {
            if (!_server.HasExited)
            {
                _server.Kill(entireProcessTree: true);
            }

            await _server.WaitForExitAsync(CancellationToken.None);
        }
        finally
        {
            _server.Dispose();
            _server = null;
        }
    }

    /// <summary>Starts an empty server again on the same port; returns once it answers PING.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (!await LaunchAsync(cancellationToken))
        {
            throw new InvalidOperationException($"redis-server exited while restarting on port {Port}:\n{Log}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _root.Delete(recursive: true);
        }
    }

    /// <summary>True once the server answers PING; false if it exits first (its output is then in the log).</summary>
    private async Task<bool> LaunchAsync(CancellationToken cancellationToken)
    {
        lock (_log)
        {
            _log.Clear();
        }

        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root.FullName,
        };
        foreach (var argument in new[]
                 {
                     "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", Host, "--save", "", "--appendonly", "no",
                     "--daemonize", "no", "--dir", _root.FullName,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        Process server;
        try
        {
            server = Process.Start(start) ?? throw new InvalidOperationException("Cannot start redis-server.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("redis-server is not installed: apt-get install -y redis-server", exception);
        }

        server.OutputDataReceived += (_, e) => Append(e.Data);
        server.ErrorDataReceived += (_, e) => Append(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        _server = server;

        var deadline = Stopwatch.StartNew();
        while (!server.HasExited)
        {
            if (await AnswersPingAsync(cancellationToken))
            {
                return true;
            }

            if (deadline.Elapsed > s_startTimeout)
            {
                throw new TimeoutException($"redis-server did not answer PING on port {Port} within {s_startTimeout.TotalSeconds} s:\n{Log}");
            }

            await Task.Delay(25, cancellationToken);
        }

        await server.WaitForExitAsync(cancellationToken); // flushes the redirected output into the log
        server.Dispose();
        _server = null;
        return false;
    }

    private async Task<bool> AnswersPingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
