using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using SecureApi.Bench;
using SecureApi.Generated;
using SecureApi.Infrastructure;

namespace SecureApi.Benchmarks.Stages;

/// <summary>
/// Writing the GET answer: SecureApi's generated handler's call (Responses.JsonAsync with the generated JSON metadata)
/// against the hand-written app's WriteAsJsonAsync, into a response body that discards what it is given. Each call
/// gets a fresh context; <see cref="ContextOnly"/> is that context's own cost. The security headers are set by
/// middleware, not here (run.sh measures them in place).
/// </summary>
[MemoryDiagnoser]
public class ResponseWriteBenchmarks
{
    private readonly Item _item = new() { Id = Guid.CreateVersion7(), OwnerId = "alice", Name = "bench", Quantity = 3 };
    private BenchItem _benchItem = null!;

    [GlobalSetup]
    public void Setup() => _benchItem = new BenchItem(_item.Id, _item.OwnerId, _item.Name, _item.Quantity);

    [Benchmark]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet runs instance methods.")]
    public HttpContext ContextOnly() => Response();

    [Benchmark(Baseline = true)]
    public Task HandWritten() => Response().Response.WriteAsJsonAsync(_benchItem, BenchJsonContext.Default.BenchItem);

    [Benchmark]
    public Task SecureApiGenerated() => Responses.JsonAsync(Response(), _item, SecureApiJsonContext.Default.Item);

    private static DefaultHttpContext Response()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = Stream.Null;
        return context;
    }
}
