using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SecureApi.Testing;

/// <summary>
/// Starts a <c>WebApplicationFactory</c> host so that a start-up failure reaches the test as itself.
/// </summary>
/// <remarks>
/// The factory runs the service's <c>Program</c> on a thread of its own and, once the host is built, reads the host's
/// services to wait for it to start. A start-up that fails fast (a setting that cannot work) can dispose the host before
/// that read, and the test then sees <see cref="ObjectDisposedException"/> instead of the failure (dotnet/aspnetcore's
/// <c>DeferredHostBuilder</c>). This lifetime holds the service's start, the first thing <c>Host.StartAsync</c> awaits,
/// until the factory is waiting on it.
/// </remarks>
public sealed class StartGate : IHostLifetime
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private StartGate()
    {
    }

    /// <summary>What <c>WebApplicationFactory.CreateHost</c> does, with the service's start held until the factory waits on it.</summary>
    public static IHost Start(IHostBuilder builder)
    {
        var gate = new StartGate();
        builder.ConfigureServices(services => services.AddSingleton<IHostLifetime>(gate)); // applied last, so it replaces the console lifetime
        var host = builder.Build();
        var started = host.StartAsync(); // subscribes to the host's start before returning
        gate._open.SetResult();
        started.GetAwaiter().GetResult();
        return host;
    }

    public Task WaitForStartAsync(CancellationToken cancellationToken) => _open.Task.WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
