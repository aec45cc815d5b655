using System.Net;
using System.Net.Sockets;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>A loopback TCP listener that only counts the connections made to it: proof that nobody fetched a URL.</summary>
internal sealed class RecordingListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    public RecordingListener()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri Url(string path) => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}");

    /// <summary>Connections accepted so far, plus any still waiting in the backlog.</summary>
    public int Connections => Volatile.Read(ref _connections) + (_listener.Pending() ? 1 : 0);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // stopped
        }
    }
}
