using System.Text.Json.Nodes;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using GitOps.Runtime;
using GitOps.Store;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Grains.Tests.Resources;

/// <summary>
/// Resource grain behaviour, run against each store provider: a grain runtime with the Grains
/// assembly registered and the store under test injected.
/// </summary>
public abstract partial class ResourceGrainTestsBase : IAsyncLifetime
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    private GrainRuntimeHost? _host;

    protected IResourceStore Store { get; private set; } = null!;

    protected abstract Task<IResourceStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        _host = await GrainRuntimeHost.StartAsync(
            builder => builder.AddGrainsFrom(typeof(IResourceGrain).Assembly),
            services => services.AddSingleton(Store));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        if (Store is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
    }

    protected IResourceGrain GrainOf(KubeObject obj) => GrainOf(ResourceKey.Of(obj));

    protected IResourceGrain GrainOf(ResourceKey key) => _host!.GrainFactory.GetGrain<IResourceGrain>(key.ToString());

    protected async Task<KubeObject> CreateAsync(KubeObject obj)
    {
        var result = await GrainOf(obj).CreateAsync(obj, Ct);
        Assert.Equal(ResourceOutcome.Created, result.Outcome);
        return result.Object!;
    }

    protected Task<long> StoreVersionAsync() => Store.GetCurrentResourceVersionAsync(Ct);

    protected static KubeObject Deployment(string name, int replicas, string image = "nginx:1.25")
    {
        var deployment = new KubeObject("apps/v1", "Deployment", "default", name);
        deployment.Metadata.SetLabel("app", name);
        var spec = deployment.EnsureSpec();
        spec["replicas"] = replicas;
        spec["template"] = new JsonObject
        {
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = image }) },
        };
        return deployment;
    }

    protected static KubeObject Edited(KubeObject obj, Action<KubeObject> edit)
    {
        var copy = obj.DeepClone();
        edit(copy);
        return copy;
    }

    protected static DesiredObject FromGit(KubeObject obj, string commit = "c1", string path = "apps/web.yaml") =>
        new(obj, "main", "https://git.example.com/platform.git", path, commit);

    protected static int Replicas(KubeObject obj) => obj.Spec!["replicas"]!.GetValue<int>();
}
