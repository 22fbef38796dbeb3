using System.Text.Json.Nodes;
using GitOps.Grains.Informers;
using GitOps.Model.Objects;
using GitOps.Model.Selectors;
using GitOps.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.Grains.Tests.Informers;

/// <summary>
/// The shared informers on each store: a host with the store and <c>AddSharedInformers</c> (its one
/// change-log follower running as a hosted service); writes go to the store directly.
/// </summary>
public abstract class SharedInformerTestsBase : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly ResourceType ConfigMaps = new("", "ConfigMap");
    private static readonly ResourceType Pods = new("", "Pod");

    private IHost? _host;

    private IResourceStore Store => _host!.Services.GetRequiredService<IResourceStore>();

    private SharedInformerFactory Informers => _host!.Services.GetRequiredService<SharedInformerFactory>();

    private ChangeLogFollower Follower => _host!.Services.GetServices<IHostedService>().OfType<ChangeLogFollower>().Single();

    /// <summary>The PostgreSQL database of the store; null for the memory store.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        var postgres = await CreateDatabaseAsync();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (postgres is null)
        {
            builder.Services.AddMemoryResourceStore();
        }
        else
        {
            builder.Services.AddPostgreSqlMigrations(postgres);
            builder.Services.AddPostgreSqlResourceStore(postgres);
        }
        builder.Services.AddSharedInformers(new ConfigurationBuilder().Build());
        builder.Services.Configure<InformerOptions>(options =>
        {
            options.DetectMutations = true;
            options.ConsistentReadTimeout = TimeSpan.FromSeconds(10);
        });
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is null)
            return;
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task An_informer_lists_its_kind_then_hands_each_later_version_once_and_in_order()
    {
        await WriteAsync(ResourceWrite.Create(ConfigMap("a", "1")));
        var informer = await Informers.ConsistentReadAsync(ConfigMaps, Ct);
        var seen = new Recorder();
        using var registration = informer.AddHandler(seen);

        var b = await WriteAsync(ResourceWrite.Create(ConfigMap("b", "1")));
        await WriteAsync(ResourceWrite.Update(ConfigMap("b", "2")));
        await WriteAsync(ResourceWrite.Create(new KubeObject("v1", "Secret", "default", "not-a-configmap")));
        await WriteAsync(ResourceWrite.Update(ConfigMap("b", "3")));
        await WriteAsync(ResourceWrite.Delete(ResourceKey.Of(b)));
        await Informers.ConsistentReadAsync(ConfigMaps, Ct);

        Assert.Equal(["added a=1", "added b=1", "updated b 1->2", "updated b 2->3", "deleted b=3"], seen.Events);
        Assert.Equal(["a"], informer.List().Select(o => o.Metadata.Name));
    }

    [Fact]
    public async Task A_handler_added_later_first_gets_every_cached_object_then_the_changes()
    {
        var informer = await Informers.ConsistentReadAsync(ConfigMaps, Ct);
        await WriteAsync(ResourceWrite.Create(ConfigMap("a", "1")));
        await WriteAsync(ResourceWrite.Create(ConfigMap("b", "1")));
        await Informers.ConsistentReadAsync(ConfigMaps, Ct);

        var seen = new Recorder();
        using var registration = informer.AddHandler(seen);
        await WriteAsync(ResourceWrite.Update(ConfigMap("a", "2")));
        await Informers.ConsistentReadAsync(ConfigMaps, Ct);

        Assert.Equal(["added a=1", "added b=1", "updated a 1->2"], seen.Events.Take(2).Order().Concat(seen.Events.Skip(2)));
    }

    [Fact]
    public async Task When_the_change_log_expired_the_informer_relists_and_reports_what_vanished_and_changed()
    {
        var a = await WriteAsync(ResourceWrite.Create(ConfigMap("a", "1")));
        await WriteAsync(ResourceWrite.Create(ConfigMap("b", "1")));
        var informer = await Informers.ConsistentReadAsync(ConfigMaps, Ct);
        var seen = new Recorder();
        using var registration = informer.AddHandler(seen);
        seen.Events.Clear();

        await Follower.StopAsync(Ct);
        await WriteAsync(ResourceWrite.Delete(ResourceKey.Of(a)));
        await WriteAsync(ResourceWrite.Update(ConfigMap("b", "2")));
        await WriteAsync(ResourceWrite.Create(ConfigMap("c", "1")));
        await Store.CompactAsync(TimeSpan.Zero, 0, Ct);
        Assert.True((await Store.ReadChangesAsync(informer.ResourceVersion, 10, Ct)).Expired, "the informer's position was compacted away");
        await WriteAsync(ResourceWrite.Create(ConfigMap("d", "1")));
        await Follower.StartAsync(Ct);
        await Informers.ConsistentReadAsync(ConfigMaps, Ct);

        Assert.Equal(["added c=1", "added d=1", "deleted a=1", "updated b 1->2"], seen.Events.Order(StringComparer.Ordinal));
        Assert.Equal(["b", "c", "d"], informer.List().Select(o => o.Metadata.Name));
    }

    [Fact]
    public async Task Indexes_find_objects_by_namespace_and_labels_by_owner_and_by_node()
    {
        await WriteAsync(ResourceWrite.Create(Pod("team-a", "web-1", "node-1", "rs-1", "web")));
        await WriteAsync(ResourceWrite.Create(Pod("team-a", "web-2", "node-2", "rs-1", "web")));
        await WriteAsync(ResourceWrite.Create(Pod("team-a", "db-1", "node-1", "sts-1", "db")));
        await WriteAsync(ResourceWrite.Create(Pod("team-b", "web-1", null, "rs-2", "web")));
        var informer = await Informers.ConsistentReadAsync(Pods, Ct);
        var web = new LabelSelector([new LabelRequirement("app", SelectorOperator.Equals, ["web"])]);

        Assert.Equal(["team-a/db-1", "team-a/web-1", "team-a/web-2"], Names(informer.List("team-a")));
        Assert.Equal(["team-a/web-1", "team-a/web-2"], Names(informer.List("team-a", web)));
        Assert.Equal(["team-a/web-1", "team-a/web-2", "team-b/web-1"], Names(informer.List(labels: web)));
        Assert.Equal(["team-a/web-1", "team-a/web-2"], Names(informer.ListByOwner("rs-1")));
        Assert.Equal(["team-a/db-1", "team-a/web-1"], Names(informer.ListByNode("node-1")));

        await WriteAsync(ResourceWrite.Update(Pod("team-b", "web-1", "node-1", "rs-2", "web")));
        await WriteAsync(ResourceWrite.Delete(new ResourceKey("", "Pod", "team-a", "db-1")));
        await Informers.ConsistentReadAsync(Pods, Ct);

        Assert.Equal(["team-a/web-1", "team-b/web-1"], Names(informer.ListByNode("node-1")));
        Assert.Empty(informer.ListByOwner("sts-1"));
        Assert.Equal("web-2", informer.Get("team-a", "web-2")?.Metadata.Name);
        Assert.Null(informer.Get("team-a", "db-1"));
    }

    [Fact]
    public async Task A_consistent_read_sees_every_write_committed_before_it()
    {
        await Informers.ConsistentReadAsync(ConfigMaps, Ct);
        for (var i = 0; i < 50; i++)
        {
            await WriteAsync(ResourceWrite.Create(ConfigMap($"cm-{i}", "1")));
            var informer = await Informers.ConsistentReadAsync(ConfigMaps, Ct);
            Assert.Equal(i + 1, informer.List().Count);
        }
    }

    [Fact]
    public async Task A_consistent_read_that_cannot_catch_up_times_out_naming_the_kind()
    {
        await Informers.ConsistentReadAsync(ConfigMaps, Ct);
        await Follower.StopAsync(Ct);
        await WriteAsync(ResourceWrite.Create(ConfigMap("late", "1")));
        var current = await Store.GetCurrentResourceVersionAsync(Ct);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Informers.For(ConfigMaps).WaitUntilCurrentAsync(current, Ct));

        Assert.Contains("ConfigMap informer", error.Message);
        Assert.Contains($"not {current}", error.Message);
        await Follower.StartAsync(Ct);
    }

    [Fact]
    public async Task The_stream_hands_over_every_kind_with_its_previous_state()
    {
        var stream = new StreamRecorder();
        using var following = Informers.Follow(stream);
        var widget = new KubeObject("example.com/v1", "Widget", "default", "w");
        widget.Root["spec"] = new JsonObject { ["size"] = 1 };
        await WriteAsync(ResourceWrite.Create(widget));
        await Informers.ConsistentReadAsync(new ResourceType("example.com", "Widget"), Ct);
        widget.Root["spec"] = new JsonObject { ["size"] = 2 };
        await WriteAsync(ResourceWrite.Update(widget));
        await Informers.ConsistentReadAsync(new ResourceType("example.com", "Widget"), Ct);

        var widgets = stream.Changes.Where(c => c.Change.Key.Kind == "Widget").ToArray();
        Assert.Equal([ChangeType.Added, ChangeType.Modified], widgets.Select(c => c.Change.Type));
        Assert.Equal(1, widgets[1].Previous?.Spec?["size"]?.GetValue<int>());
    }

    [Fact]
    public async Task A_reader_that_changes_a_cached_object_is_reported()
    {
        await WriteAsync(ResourceWrite.Create(ConfigMap("shared", "1")));
        var informer = await Informers.ConsistentReadAsync(ConfigMaps, Ct);
        Assert.Empty(Informers.FindMutatedObjects());

        informer.Get("default", "shared")!.Metadata.SetLabel("changed", "in-place");

        Assert.Equal(["/ConfigMap/default/shared"], Informers.FindMutatedObjects());
    }

    private async Task<KubeObject> WriteAsync(ResourceWrite write)
    {
        var result = await Store.WriteAsync(write, Ct);
        Assert.True(result.Succeeded, $"{write.Kind} {write.Key}: {result.Outcome}");
        return result.Object!;
    }

    private static string[] Names(IEnumerable<KubeObject> objects) => objects.Select(o => $"{o.Metadata.Namespace}/{o.Metadata.Name}").ToArray();

    private static KubeObject ConfigMap(string name, string value)
    {
        var obj = new KubeObject("v1", "ConfigMap", "default", name);
        obj.Root["data"] = new JsonObject { ["v"] = value };
        return obj;
    }

    private static KubeObject Pod(string @namespace, string name, string? node, string ownerUid, string app)
    {
        var pod = new KubeObject("v1", "Pod", @namespace, name);
        pod.Metadata.SetLabel("app", app);
        pod.Metadata.SetOwnerReferences([new OwnerReference("apps/v1", "ReplicaSet", ownerUid, ownerUid, Controller: true)]);
        pod.Root["spec"] = node is null ? new JsonObject() : new JsonObject { ["nodeName"] = node };
        return pod;
    }

    private sealed class Recorder : IInformerHandler
    {
        public List<string> Events { get; } = [];

        public void OnAdded(KubeObject obj) => Events.Add($"added {obj.Metadata.Name}={Value(obj)}");

        public void OnUpdated(KubeObject old, KubeObject current) => Events.Add($"updated {current.Metadata.Name} {Value(old)}->{Value(current)}");

        public void OnDeleted(KubeObject last, long resourceVersion) => Events.Add($"deleted {last.Metadata.Name}={Value(last)}");

        private static string? Value(KubeObject obj) => obj.Root["data"]?["v"]?.GetValue<string>();
    }

    private sealed class StreamRecorder : IChangeStreamHandler
    {
        public List<StreamedChange> Changes { get; } = [];

        public void OnChanges(IReadOnlyList<StreamedChange> changes) => Changes.AddRange(changes);
    }
}
