using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using SecureApi.Bench;
using SecureApi.Generated;
using SecureApi.Infrastructure;

namespace SecureApi.Benchmarks.Stages;

/// <summary>
/// Reading a POST body: SecureApi's strict reader (content type, size cap, strict JSON) plus its generated validator,
/// against the hand-written app's ReadFromJsonAsync plus its validation code. Each call gets a fresh request context,
/// as a server would; <see cref="ContextOnly"/> is that context's own cost.
/// </summary>
[MemoryDiagnoser]
public class RequestBodyBenchmarks
{
    private static readonly byte[] s_body = Encoding.UTF8.GetBytes("""{"name":"bench","quantity":3}""");
    private StageHost _host = null!;

    [GlobalSetup]
    public void Setup() => _host = StageHost.StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public HttpContext ContextOnly() => Request();

    [Benchmark(Baseline = true)]
    public async Task<bool> HandWritten()
    {
        var context = Request();
        var body = await context.Request.ReadFromJsonAsync(BenchJsonContext.Default.NewBenchItem);
        return body is not null && BenchValidation.Validate(body) is null;
    }

    [Benchmark]
    public async Task<bool> SecureApiGenerated()
    {
        var context = Request();
        var read = await JsonBody.ReadAsync(context, SecureApiJsonContext.Default.NewItem, maxBytes: null);
        ValidationErrors? errors = null;
        SecureApiValidators.Validate(read.Value!, ref errors);
        return read.Problem is null && errors is null;
    }

    private DefaultHttpContext Request()
    {
        var context = new DefaultHttpContext { RequestServices = _host.Services };
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = s_body.Length;
        context.Request.Body = new MemoryStream(s_body, writable: false);
        return context;
    }
}
