using System.Net;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.Hosting;

namespace SecureApi.Benchmarks;

/// <summary>
/// One keep-alive GET on real Kestrel over loopback, answered by a small JSON body: without security headers, with
/// the six headers set from a response-start callback (how SecureApi did it before), and with them set as the request
/// enters from values built once (<see cref="SecurityHeaders"/>). Allocations are the whole process's (server included).
/// </summary>
[MemoryDiagnoser]
public class SecurityHeaderBenchmarks
{
    private static readonly byte[] Request = Encoding.ASCII.GetBytes("GET /item HTTP/1.1\r\nHost: bench\r\n\r\n");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","name":"gear","quantity":3}""");

    private Server _none = null!;
    private Server _callback = null!;
    private Server _prebuilt = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _none = await Server.StartAsync(null);
        _callback = await Server.StartAsync(static (context, next) => { CallbackHeaders(context); return next(context); });
        _prebuilt = await Server.StartAsync(static (context, next) => { SecurityHeaders.Apply(context); return next(context); });
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _none.DisposeAsync();
        await _callback.DisposeAsync();
        await _prebuilt.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<int> NoHeaders() => _none.GetAsync();

    [Benchmark]
    public Task<int> HeadersFromAResponseStartCallback() => _callback.GetAsync();

    [Benchmark]
    public Task<int> HeadersPrebuiltAndSetOnEntry() => _prebuilt.GetAsync();

    /// <summary>The middleware as it was: a callback per request, values converted from string at each set.</summary>
    private static void CallbackHeaders(HttpContext context) => context.Response.OnStarting(static state =>
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        var metadata = context.GetEndpoint()?.Metadata;
        headers.ContentSecurityPolicy = metadata?.GetMetadata<SecureApi.SecurityView.SecurityViewPageMetadata>() is not null
            ? SecureApi.SecurityView.SecurityViewPageMetadata.ContentSecurityPolicy
            : "default-src 'none'; frame-ancestors 'none'";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (!headers.ContainsKey("Cache-Control"))
        {
            headers.CacheControl = "no-store";
        }

        return Task.CompletedTask;
    }, context);

    /// <summary>A Kestrel app with one endpoint and a raw keep-alive connection to it.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Socket _socket;
        private readonly byte[] _buffer = new byte[4096];

        private Server(WebApplication app, Socket socket)
        {
            _app = app;
            _socket = socket;
        }

        public static async Task<Server> StartAsync(Func<HttpContext, RequestDelegate, Task>? middleware)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            if (middleware is not null)
            {
                app.Use(middleware);
            }

            app.MapGet("/item", static context =>
            {
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = Body.Length;
                return context.Response.Body.WriteAsync(Body).AsTask();
            });
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, address.Port);
            var server = new Server(app, socket);
            return await server.GetAsync() > 0 ? server : throw new InvalidOperationException("No answer.");
        }

        /// <summary>Sends the request and reads the whole response; returns its length in bytes.</summary>
        public async Task<int> GetAsync()
        {
            await _socket.SendAsync(Request, SocketFlags.None);
            var read = 0;
            while (true)
            {
                read += await _socket.ReceiveAsync(_buffer.AsMemory(read), SocketFlags.None);
                var end = _buffer.AsSpan(0, read).IndexOf("\r\n\r\n"u8);
                if (end >= 0 && read >= end + 4 + Body.Length)
                {
                    return read;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _socket.Dispose();
            await _app.DisposeAsync();
        }
    }
}
