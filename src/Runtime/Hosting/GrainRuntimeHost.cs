using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Runtime;

/// <summary>
/// A grain runtime without the generic host, for tests and tools: its own service provider, started
/// on creation. Two hosts in one process are two silos (for example on one PostgreSQL database).
/// </summary>
public sealed class GrainRuntimeHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private GrainRuntimeHost(ServiceProvider services)
    {
        _services = services;
        Runtime = services.GetRequiredService<GrainRuntime>();
    }

    public IServiceProvider Services => _services;

    public GrainRuntime Runtime { get; }

    public IGrainFactory GrainFactory => Runtime;

    public static async Task<GrainRuntimeHost> StartAsync(
        Action<GrainRuntimeBuilder> configure,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection();
        configureServices?.Invoke(services);
        services.AddGrainRuntime(configure);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var host = new GrainRuntimeHost(provider);
        try
        {
            await host.Runtime.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return host;
    }

    /// <summary>Stops the runtime: reminders stop, every activation deactivates.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => Runtime.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
