using System.Text.Json.Nodes;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using Orleans;
using GitOps.Store;
using GitOps.Grains.Hosting;
using GitOps.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.Grains.Tests.Resources;

/// <summary>
/// Resource grain behaviour, run on each storage: an Orleans silo with memory storage and the memory
/// store, and one with Orleans' ADO.NET providers and the store on PostgreSQL.
/// </summary>
public abstract partial class ResourceGrainTestsBase : IAsyncLifetime
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    private IHost? _host;

    protected IResourceStore Store { get; private set; } = null!;

    /// <summary>The PostgreSQL database the store and Orleans' grain tables live in; null for the memory providers.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        var postgres = await CreateDatabaseAsync();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddStoreAndGrainRuntime(postgres, TestCluster.UseFreePorts);
        _host = builder.Build();
        await _host.StartAsync();
        Store = _host.Services.GetRequiredService<IResourceStore>();
    }

    public async Task DisposeAsync()
    {
        if (_host is null)
            return;
        await _host.StopAsync();
        _host.Dispose();
    }

    protected IResourceGrain GrainOf(KubeObject obj) => GrainOf(ResourceKey.Of(obj));

    protected IResourceGrain GrainOf(ResourceKey key) => _host!.Services.GetRequiredService<IGrainFactory>().GetGrain<IResourceGrain>(key.ToString());

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
        spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } };
        spec["template"] = new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
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

    protected static DesiredObject FromGit(KubeObject obj, string commit = "c1", string path = "apps/web.yaml", long run = 0) =>
        new(obj, "main", "https://git.example.com/platform.git", path, commit, run);

    protected static int Replicas(KubeObject obj) => obj.Spec!["replicas"]!.GetValue<int>();
}
