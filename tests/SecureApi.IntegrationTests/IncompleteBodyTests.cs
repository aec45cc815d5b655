using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureApi.IntegrationTests;

/// <summary>
/// A body that ends before its Content-Length is the client's fault, never a server failure. Over real Kestrel with raw
/// sockets: the in-memory test server cannot half-close or reset a connection.
/// </summary>
public sealed class IncompleteBodyTests
{
    private const string KestrelCategory = "Microsoft.AspNetCore.Server.Kestrel";

    [Fact]
    public async Task MalformedChunkedBodyIsA400ProblemLoggedAsAClientEvent()
    {
        await using var host = KestrelHost.Start();
        using var socket = await host.ConnectAsync();

        await socket.SendAsync(Request("Transfer-Encoding: chunked", "zz\r\n")); // not a chunk size
        var response = await ReadToEndAsync(socket);
        await host.WaitForConnectionEndAsync();

        Assert.StartsWith("HTTP/1.1 400 ", response, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: application/problem+json", response, StringComparison.OrdinalIgnoreCase);
        AssertClientEventLogged(host.Logs, 400);
        AssertNoServerFailureLogged(host.Logs);
    }

    [Fact]
    public async Task BodyThatStopsArrivingIsA408ProblemLoggedAsAClientEvent()
    {
        await using var host = KestrelHost.Start();
        using var socket = await host.ConnectAsync();

        await socket.SendAsync(IncompleteRequest()); // 8 of the 100 bytes announced, then nothing: the connection stays open
        var response = await ReadToEndAsync(socket);
        await host.WaitForConnectionEndAsync();

        Assert.StartsWith("HTTP/1.1 408 ", response, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: application/problem+json", response, StringComparison.OrdinalIgnoreCase);
        AssertClientEventLogged(host.Logs, 408);
        AssertNoServerFailureLogged(host.Logs);
    }

    /// <summary>
    /// A half-close mid-body: Kestrel treats the client as gone and closes the connection without an answer (it aborts the
    /// response itself), so the only promise is the log: a client event, no failure, no read left pending.
    /// </summary>
    [Fact]
    public async Task BodyEndedByAHalfCloseIsLoggedAsAClientEventNotAFailure()
    {
        await using var host = KestrelHost.Start();
        using var socket = await host.ConnectAsync();

        await socket.SendAsync(IncompleteRequest());
        socket.Shutdown(SocketShutdown.Send); // the client has sent all it will
        var response = await ReadToEndAsync(socket);
        await host.WaitForConnectionEndAsync();

        Assert.Equal("", response); // Kestrel closed the connection (with RST) before answering
        AssertClientEventLogged(host.Logs, 400);
        AssertNoServerFailureLogged(host.Logs);
    }

    /// <summary>
    /// The same half-close after the handler has already read the first part of the body: the path where a reader that
    /// left bytes examined but not consumed made Kestrel fail the connection with "Reading is already in progress".
    /// </summary>
    [Fact]
    public async Task BodyEndedByAHalfCloseAfterItsFirstPartWasReadLeavesNoReadPending()
    {
        await using var host = KestrelHost.Start();
        using var socket = await host.ConnectAsync();

        await socket.SendAsync(IncompleteRequest());
        await host.WaitForBodyReadAsync();
        await Task.Delay(200); // let the handler's first read return the 8 bytes before the end of input arrives
        socket.Shutdown(SocketShutdown.Send);
        var response = await ReadToEndAsync(socket);
        await host.WaitForConnectionEndAsync();

        Assert.Equal("", response);
        AssertClientEventLogged(host.Logs, 400);
        AssertNoServerFailureLogged(host.Logs);
    }

    [Fact]
    public async Task ClientThatResetsMidBodyIsLoggedAsAClientEventNotAFailure()
    {
        await using var host = KestrelHost.Start();
        var socket = await host.ConnectAsync();

        await socket.SendAsync(IncompleteRequest());
        await host.WaitForBodyReadAsync();
        socket.LingerState = new LingerOption(true, 0); // close with RST: there is no one to answer
        socket.Close();
        await host.WaitForConnectionEndAsync();

        AssertClientEventLogged(host.Logs, 0);
        AssertNoServerFailureLogged(host.Logs);
    }

    private static byte[] IncompleteRequest() => Request("Content-Length: 100", """{"name":"""); // 8 bytes of JSON

    private static byte[] Request(string framing, string body) => Encoding.ASCII.GetBytes(
        $"POST /widgets HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Test-Subject: alice\r\nContent-Type: application/json\r\n{framing}\r\n\r\n{body}");

    private static void AssertClientEventLogged(CapturedLogs logs, int answered)
    {
        var clientEvent = Assert.Single(logs.Entries, e => e.EventId.Id == 1003);
        Assert.Equal("ClientBodyIncomplete", clientEvent.EventId.Name);
        Assert.Equal("WidgetsApi.Create", clientEvent.Values["Endpoint"]);
        Assert.Equal(answered, clientEvent.Values["StatusCode"]);
    }

    /// <summary>No unhandled-exception event, and nothing Kestrel logged as an error or warning (a pending read, say).</summary>
    private static void AssertNoServerFailureLogged(CapturedLogs logs)
    {
        Assert.DoesNotContain(logs.Entries, e => e.EventId.Id == 1001);
        var kestrel = logs.Entries.Where(e => e.Category.StartsWith(KestrelCategory, StringComparison.Ordinal) && e.Level >= LogLevel.Warning).ToList();
        Assert.True(kestrel.Count == 0, "Kestrel logged: " + string.Join("\n", kestrel.Select(e => e.Message + " " + e.Exception)));
    }

    private static async Task<string> ReadToEndAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            // The server closed with RST: what arrived before it is the whole answer.
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }

    /// <summary>The test service on Kestrel at a free loopback port, with every log event captured (Kestrel's connection events too).</summary>
    private sealed class KestrelHost : IAsyncDisposable
    {
        private readonly TestServiceFactory _factory;
        private readonly WebApplicationFactory<Program> _app;

        private KestrelHost(TestServiceFactory factory, WebApplicationFactory<Program> app)
        {
            _factory = factory;
            _app = app;
        }

        public CapturedLogs Logs { get; } = new();

        public Uri Address { get; private set; } = null!;

        public static KestrelHost Start()
        {
            var factory = new TestServiceFactory();
            KestrelHost? host = null;
            var app = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging
                .AddProvider(host!.Logs)
                .AddFilter<CapturedLogs>(KestrelCategory, LogLevel.Debug)));
            host = new KestrelHost(factory, app);
            app.UseKestrel(options =>
            {
                options.Listen(IPAddress.Loopback, 0);
                options.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(2)); // Kestrel's default grace is 5 s
            });
            app.StartServer();
            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            host.Address = new Uri(Assert.Single(addresses));
            return host;
        }

        public async Task<Socket> ConnectAsync()
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, Address.Port);
            return socket;
        }

        /// <summary>Kestrel logs the end of every connection (debug event "ConnectionStop") after the request is done.</summary>
        public Task WaitForConnectionEndAsync() => WaitForAsync(e => e.EventId.Name == "ConnectionStop");

        /// <summary>The handler has started reading the body (Kestrel's debug event "RequestBodyStart").</summary>
        public Task WaitForBodyReadAsync() => WaitForAsync(e => e.EventId.Name == "RequestBodyStart");

        public async ValueTask DisposeAsync()
        {
            await _app.DisposeAsync();
            await _factory.DisposeAsync();
        }

        private async Task WaitForAsync(Func<CapturedLog, bool> predicate)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            while (!Logs.Entries.Any(predicate))
            {
                await Task.Delay(20, timeout.Token);
            }
        }
    }
}
