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

    /// <summary>
    /// The factory's own <paramref name="createHost"/> (which also sets a Kestrel port the test asked for), with the
    /// service's start held until the factory waits on it.
    /// </summary>
    public static IHost Start(IHostBuilder builder, Func<IHostBuilder, IHost> createHost)
    {
        var gate = new StartGate();
        builder.ConfigureServices(services => services.AddSingleton<IHostLifetime>(gate)); // applied last, so it replaces the console lifetime
        return createHost(new GatedHostBuilder(builder, gate));
    }

    public Task WaitForStartAsync(CancellationToken cancellationToken) => _open.Task.WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Builds <see cref="GatedHost"/>s; everything else is the factory's builder's.</summary>
    private sealed class GatedHostBuilder(IHostBuilder inner, StartGate gate) : IHostBuilder
    {
        public IDictionary<object, object> Properties => inner.Properties;

        public IHost Build() => new GatedHost(inner.Build(), gate);

        public IHostBuilder ConfigureAppConfiguration(Action<HostBuilderContext, Microsoft.Extensions.Configuration.IConfigurationBuilder> configureDelegate)
        {
            inner.ConfigureAppConfiguration(configureDelegate);
            return this;
        }

        public IHostBuilder ConfigureContainer<TContainerBuilder>(Action<HostBuilderContext, TContainerBuilder> configureDelegate)
        {
            inner.ConfigureContainer(configureDelegate);
            return this;
        }

        public IHostBuilder ConfigureHostConfiguration(Action<Microsoft.Extensions.Configuration.IConfigurationBuilder> configureDelegate)
        {
            inner.ConfigureHostConfiguration(configureDelegate);
            return this;
        }

        public IHostBuilder ConfigureServices(Action<HostBuilderContext, IServiceCollection> configureDelegate)
        {
            inner.ConfigureServices(configureDelegate);
            return this;
        }

        public IHostBuilder UseServiceProviderFactory<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory)
            where TContainerBuilder : notnull
        {
            inner.UseServiceProviderFactory(factory);
            return this;
        }

        public IHostBuilder UseServiceProviderFactory<TContainerBuilder>(Func<HostBuilderContext, IServiceProviderFactory<TContainerBuilder>> factory)
            where TContainerBuilder : notnull
        {
            inner.UseServiceProviderFactory(factory);
            return this;
        }
    }

    /// <summary>The factory's host, whose start opens the gate once the factory is subscribed to it.</summary>
    private sealed class GatedHost(IHost inner, StartGate gate) : IHost, IAsyncDisposable
    {
        public IServiceProvider Services => inner.Services;

        public Task StartAsync(CancellationToken cancellationToken = default)
        {
            var started = inner.StartAsync(cancellationToken); // subscribes to the service's start before it returns
            gate._open.TrySetResult();
            return started;
        }

        public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync()
        {
            if (inner is IAsyncDisposable disposable)
            {
                return disposable.DisposeAsync();
            }

            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
