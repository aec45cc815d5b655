using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecureApi.IntegrationTests;

/// <summary>
/// One HTTP/1.1 request written byte for byte onto a socket, so the request-target reaches Kestrel exactly as a test
/// spells it: HttpClient's <see cref="Uri"/> would normalise some of the path variants the tests are about.
/// </summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="method"/> <paramref name="target"/> to <paramref name="server"/> and returns the status code.</summary>
    public static async Task<HttpStatusCode> SendAsync(Uri server, string method, string target, IEnumerable<(string Name, string Value)> headers, string? jsonBody = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, server.Port);
        var request = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            request.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        var body = Encoding.UTF8.GetBytes(jsonBody ?? "");
        if (jsonBody is not null)
        {
            request.Append(CultureInfo.InvariantCulture, $"Content-Type: application/json; charset=utf-8\r\nContent-Length: {body.Length}\r\n");
        }

        request.Append("\r\n");
        await socket.SendAsync(Encoding.ASCII.GetBytes(request.ToString()).Concat(body).ToArray(), SocketFlags.None);
        var statusLine = await ReadStatusLineAsync(socket);

        // "HTTP/1.1 429 Too Many Requests"
        return (HttpStatusCode)int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    private static async Task<string> ReadStatusLineAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new StringBuilder();
        var buffer = new byte[1024];
        while (!received.ToString().Contains("\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return received.ToString().Split("\r\n")[0];
    }
}
