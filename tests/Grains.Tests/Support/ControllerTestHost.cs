using GitOps.Grains.Controllers;
using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Informers;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using GitOps.Model.Selectors;
using Orleans;
using GitOps.Store;
using GitOps.Grains.Hosting;
using GitOps.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.Grains.Tests.Support;

/// <summary>
/// A host with the real grain runtime, resource store (memory, or PostgreSQL when a connection string
/// is given) and the controllers as the silo composes them (<c>AddControllers</c>), started and stopped
/// around a test. Writes go through resource grains, reads to the store, as in production. The shared
/// informers detect mutations: disposing the host fails the test if any reader (a controller, the scheduler,
/// the garbage collector) changed a cached object instead of a clone.
/// </summary>
internal sealed class ControllerTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ControllerTestHost(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Store = host.Services.GetRequiredService<IResourceStore>();
    }

    public IGrainFactory Grains { get; }

    public IResourceStore Store { get; }

    public IServiceProvider Services => _host.Services;

    /// <param name="configureServices">Extra services, such as the watches of this assembly's test grains (Orleans finds the grains themselves).</param>
    public static async Task<ControllerTestHost> StartAsync(
        Action<ControllerOptions>? configure = null,
        string? postgres = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddStoreAndGrainRuntime(postgres, TestCluster.UseFreePorts);
        builder.Services.AddControllers(new ConfigurationBuilder().Build());
        builder.Services.Configure<InformerOptions>(options => options.DetectMutations = true);
        configureServices?.Invoke(builder.Services);
        builder.Services.Configure<ControllerOptions>(options =>
        {
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
            options.RetryMaxDelay = TimeSpan.FromSeconds(1);
            configure?.Invoke(options);
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return new ControllerTestHost(host);
    }

    public IResourceGrain Grain(ResourceKey key) => Grains.GetGrain<IResourceGrain>(key.ToString());

    public async Task<KubeObject> CreateAsync(KubeObject obj)
    {
        var result = await Grain(ResourceKey.Of(obj)).CreateAsync(obj, CancellationToken.None);
        Assert.True(result.Succeeded, $"creating {obj} failed: {result.Outcome} {result.Message}");
        return result.Object!;
    }

    public Task<KubeObject?> GetAsync(ResourceKey key) => Store.GetAsync(key, CancellationToken.None);

    public async Task<IReadOnlyList<KubeObject>> ListAsync(string group, string kind, FieldSelector? fields = null)
    {
        var page = await Store.ListAsync(new ListQuery(new ResourceType(group, kind), Fields: fields), CancellationToken.None);
        return page.Items;
    }

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds; fails with the last value after <paramref name="timeout"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var value = await probe();
        while (!done(value))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting until {what}; last value: {Describe(value)}");
            await Task.Delay(50);
            value = await probe();
        }
        return value;
    }

    public async ValueTask DisposeAsync()
    {
        var mutated = _host.Services.GetRequiredService<SharedInformerFactory>().FindMutatedObjects();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        if (_host is IAsyncDisposable asyncHost)
            await asyncHost.DisposeAsync();
        else
            _host.Dispose();
        Assert.True(mutated.Count == 0, $"cached informer objects were changed in place (clone before changing): {string.Join(", ", mutated)}");
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        KubeObject obj => obj.ToJson(),
        System.Collections.IEnumerable items and not string => string.Join(", ", items.Cast<object?>().Select(i => i is KubeObject o ? o.ToJson() : i?.ToString())),
        _ => value.ToString() ?? "",
    };
}
