using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecureApi.Benchmarks.Allocation;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/SecureApi.Benchmarks -- allocations [requests]</c>: the bytes the
/// process allocates per request for run.sh's SecureApi app (its item and endpoints, its pipeline, on Kestrel over a
/// fresh SQLite file), measured in-process as <c>GC.GetTotalAllocatedBytes(precise: true)</c> across N requests after a
/// warm-up. The client is a raw keep-alive socket writing pre-encoded requests into reused buffers, so the figure is the
/// server's own (Kestrel included, as run.sh's figure includes it), not an HttpClient's. <c>--types</c> adds the types
/// the bytes go to, from the runtime's allocation sampling (<see cref="AllocationSampler"/>).
/// </summary>
internal static class PostAllocationHarness
{
    private const string Body = """{"name":"bench","quantity":3}""";

    public static async Task<int> RunAsync(string[] args)
    {
        var types = args.Contains("--types");
        args = [.. args.Where(arg => arg != "--types")];
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        await using var host = await ProbeHost.StartAsync(kestrel: true);
        var port = new Uri(host.App.Urls.First()).Port;
        var token = host.Token;
        using var client = new RawClient(port);
        var post = RawClient.Encode("POST", "/items", token, Body);
        var status = client.Send(post);
        if (status != 201)
        {
            Console.Error.WriteLine($"POST /items answered {status}: {client.LastResponse}");
            return 1;
        }

        var location = client.LastResponse.Split("\r\n").First(line => line.StartsWith("Location:", StringComparison.OrdinalIgnoreCase))[9..].Trim();
        var get = RawClient.Encode("GET", new Uri(new Uri("http://localhost"), location).AbsolutePath, token, null);

        Console.WriteLine($"Allocated bytes per request, in-process, {requests} requests after {requests / 2} warm-up, one keep-alive connection:");
        using var sampler = types ? new AllocationSampler() : null;
        Measure("POST /items", client, post, 201, requests, sampler);
        Measure("GET /items/{id}", client, get, 200, requests, sampler);
        return 0;
    }

    private static void Measure(string name, RawClient client, byte[] request, int expected, int requests, AllocationSampler? sampler)
    {
        for (var i = 0; i < requests / 2; i++)
        {
            client.Expect(request, expected);
        }

        GC.Collect();
        sampler?.Start();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < requests; i++)
        {
            client.Expect(request, expected);
        }

        var perRequest = (GC.GetTotalAllocatedBytes(precise: true) - before) / requests;
        Console.WriteLine($"  {name,-18}{perRequest,8:N0} B");
        if (sampler is not null)
        {
            foreach (var (type, bytes) in sampler.Stop().Take(25))
            {
                Console.WriteLine($"      {bytes / requests,7:N0} B  {type}");
            }
        }
    }

    /// <summary>HTTP/1.1 over one socket, synchronously, into one reused buffer: allocates nothing per request itself.</summary>
    private sealed class RawClient(int port) : IDisposable
    {
        private readonly Socket _socket = Connect(port);
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _length;

        public string LastResponse => Encoding.ASCII.GetString(_buffer, 0, _length);

        public static byte[] Encode(string method, string path, string token, string? body)
        {
            var text = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\n");
            if (body is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"Content-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");
            }
            else
            {
                text.Append("\r\n");
            }

            return Encoding.UTF8.GetBytes(text.ToString());
        }

        public void Expect(byte[] request, int expected)
        {
            var status = Send(request);
            if (status != expected)
            {
                throw new InvalidOperationException($"Expected {expected}, got {status}: {LastResponse}");
            }
        }

        /// <summary>Sends, reads one whole response (Content-Length or chunked) and returns its status code.</summary>
        public int Send(byte[] request)
        {
            _socket.Send(request);
            _length = 0;
            int headerEnd;
            while ((headerEnd = _buffer.AsSpan(0, _length).IndexOf("\r\n\r\n"u8)) < 0)
            {
                Receive();
            }

            var head = _buffer.AsSpan(0, headerEnd);
            var status = (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
            var bodyStart = headerEnd + 4;
            if (head.IndexOf("Transfer-Encoding: chunked"u8) >= 0)
            {
                while (!_buffer.AsSpan(bodyStart, _length - bodyStart).EndsWith("0\r\n\r\n"u8))
                {
                    Receive();
                }

                return status;
            }

            var lengthAt = head.IndexOf("Content-Length: "u8);
            var contentLength = 0;
            if (lengthAt >= 0)
            {
                for (var i = lengthAt + 16; head[i] is >= (byte)'0' and <= (byte)'9'; i++)
                {
                    contentLength = contentLength * 10 + head[i] - '0';
                }
            }

            while (_length < bodyStart + contentLength)
            {
                Receive();
            }

            return status;
        }

        public void Dispose() => _socket.Dispose();

        private void Receive()
        {
            var read = _socket.Receive(_buffer, _length, _buffer.Length - _length, SocketFlags.None);
            if (read == 0)
            {
                throw new InvalidOperationException("The server closed the connection.");
            }

            _length += read;
        }

        private static Socket Connect(int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Connect(IPAddress.Loopback, port);
            return socket;
        }
    }
}
