using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using SecureApi.Infrastructure;
using SecureApi.SampleTests.Infrastructure;

namespace SecureApi.SampleTests;

/// <summary>
/// <see cref="Db.WrittenRowAsync{T}"/>, the runtime step generated creates use: a write whose row has arrived is done,
/// even when the connection then breaks; a server error after the row (the write rolled back) still fails it.
/// </summary>
[Collection(SharedPostgresServer.Name)]
public sealed class WrittenRowTests(PostgresServer server)
{
    [Fact]
    public async Task ConnectionLostAfterTheRowArrivedStillReturnsTheRow()
    {
        var target = await server.Cluster.CreateDatabaseAsync();
        await ExecuteAsync(target, "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)");
        await using var proxy = CuttingProxy.Start(new NpgsqlConnectionStringBuilder(target).Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(target) { Port = proxy.Port, Pooling = false, SslMode = SslMode.Disable };
        await using var connection = new NpgsqlConnection(viaProxy.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("INSERT INTO items (id, name) VALUES (1, 'one') RETURNING name", connection);

        proxy.CutAfterFirstRow(); // PostgreSQL has committed and answered; the client sees the row, then the connection dies
        var name = await Db.WrittenRowAsync(command, reader => reader.GetString(0), CancellationToken.None);

        Assert.Equal("one", name);
        Assert.Equal(1L, await ScalarAsync(target, "SELECT count(*) FROM items WHERE id = 1"));
    }

    [Fact]
    public async Task ServerErrorAfterTheRowFailsTheWrite()
    {
        var target = await server.Cluster.CreateDatabaseAsync();
        await ExecuteAsync(target, "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)");
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        // One implicit transaction: the backend ends itself after sending the row, so the insert is rolled back.
        await using var command = new NpgsqlCommand(
            "INSERT INTO items (id, name) VALUES (1, 'one') RETURNING name; SELECT pg_terminate_backend(pg_backend_pid())", connection);

        var failure = await Assert.ThrowsAsync<PostgresException>(() => Db.WrittenRowAsync(command, reader => reader.GetString(0), CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.AdminShutdown, failure.SqlState);
        Assert.Equal(0L, await ScalarAsync(target, "SELECT count(*) FROM items"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>
    /// A loopback TCP proxy to PostgreSQL for one connection. Once told to, it forwards the server's messages up to and
    /// including the first DataRow, drops the rest (CommandComplete, ReadyForQuery) and closes both sides.
    /// </summary>
    private sealed class CuttingProxy : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly int _serverPort;
        private readonly CancellationTokenSource _stop = new();
        private volatile bool _cut;
        private Task _running = Task.CompletedTask;

        private CuttingProxy(int serverPort) => _serverPort = serverPort;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static CuttingProxy Start(int serverPort)
        {
            var proxy = new CuttingProxy(serverPort);
            proxy._listener.Start();
            proxy._running = proxy.RunAsync();
            return proxy;
        }

        /// <summary>Called between requests, when the server's side of the stream is at a message boundary.</summary>
        public void CutAfterFirstRow() => _cut = true;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _running;
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // The proxy's sockets end with the test.
            }

            _stop.Dispose();
        }

        private async Task RunAsync()
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            using var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, _serverPort, _stop.Token);
            var toServer = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
            await ForwardToClientAsync(server.GetStream(), client.GetStream());
            client.Client.Shutdown(SocketShutdown.Send); // a clean end (FIN, not RST): the client reads the row, then the end of the stream
            server.Client.Close();
            await Task.WhenAny(toServer, Task.Delay(Timeout.Infinite, _stop.Token));
        }

        private async Task ForwardToClientAsync(NetworkStream server, NetworkStream client)
        {
            var pending = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await server.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (!_cut)
                {
                    await client.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                    continue;
                }

                pending.Write(buffer, 0, read);
                var bytes = pending.GetBuffer().AsMemory(0, (int)pending.Length);
                var offset = 0;
                while (bytes.Length - offset >= 5)
                {
                    var length = 1 + BinaryPrimitives.ReadInt32BigEndian(bytes.Span[(offset + 1)..]);
                    if (bytes.Length - offset < length)
                    {
                        break;
                    }

                    var type = (char)bytes.Span[offset];
                    await client.WriteAsync(bytes.Slice(offset, length), _stop.Token);
                    offset += length;
                    if (type == 'D')
                    {
                        await client.FlushAsync(_stop.Token);
                        return;
                    }
                }

                var rest = bytes[offset..].ToArray();
                pending.SetLength(0);
                pending.Write(rest);
            }
        }
    }
}
