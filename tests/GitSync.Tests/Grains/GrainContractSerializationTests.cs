using GitOps.GitSync.Git;
using GitOps.GitSync.Grains;
using GitOps.GitSync.Planning;
using GitOps.GitSync.Sources;
using GitOps.GitSync.Sync;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace GitOps.GitSync.Tests.Grains;

/// <summary>
/// What crosses a grain call or is persisted goes through Orleans' serializer and copier: values
/// built the way the code builds them (collection expressions, ordinal dictionaries) survive both,
/// and a copy never shares a mutable tree with its original.
/// </summary>
public sealed class GrainContractSerializationTests
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(IResourceGrain).Assembly).AddAssembly(typeof(IGitSourceGrain).Assembly))
        .BuildServiceProvider();

    private static readonly Serializer Serializer = Services.GetRequiredService<Serializer>();
    private static readonly DeepCopier Copier = Services.GetRequiredService<DeepCopier>();

    [Fact]
    public void A_copied_resource_result_holds_its_own_object()
    {
        var original = new ResourceResult(ResourceOutcome.Created, ConfigMap("a"), "made");

        var copy = Copier.Copy(original);
        copy.Object!.Root["data"]!["key"] = "changed";

        Assert.NotSame(original.Object, copy.Object);
        Assert.Equal("value", original.Object!.Root["data"]!["key"]!.GetValue<string>());
    }

    [Fact]
    public void Resource_calls_round_trip_with_their_objects()
    {
        var desired = new DesiredObject(ConfigMap("b"), "shop", "https://git.example/shop.git", "apps/b.yaml", "abc123");

        var read = RoundTrip(desired);

        Assert.Equal(desired.Object.ToJson(), read.Object.ToJson());
        Assert.Equal((desired.Source, desired.Repository, desired.Path, desired.Commit), (read.Source, read.Repository, read.Path, read.Commit));
        Assert.Equal(new DeleteRequest("Foreground", 7, "uid-1"), RoundTrip(new DeleteRequest("Foreground", 7, "uid-1")));
    }

    [Fact]
    public void A_sync_outcome_built_with_collection_expressions_round_trips()
    {
        var errors = new[] { new SyncError("apps/web.yaml", 3, "bad indent"), new SyncError("apps/db.yaml", 1, "no kind", "v1/ConfigMap/db") };
        var now = DateTimeOffset.UtcNow;
        var run = new SyncRunRecord(4, "poll", "abc", "msg", "dev", now, now.AddSeconds(1), SyncRunResult.Degraded, 1, 2, 3, 0, 2, 0,
            [errors[0], errors[1]], null);
        var outcome = new SyncOutcome(run, "abc", new CommitInfo("abc", "dev", "dev@example", now, "msg"),
            new Dictionary<string, InventoryEntry>(StringComparer.Ordinal) { ["v1/ConfigMap/shop/a"] = new("apps/a.yaml", "d1", 42, "l1") },
            new Dictionary<string, ObjectSyncStatus>(StringComparer.Ordinal) { ["v1/ConfigMap/shop/b"] = new(ObjectSyncCode.Failed, "refused") },
            [new DriftRecord("ConfigMap shop/a", "apps/a.yaml", ["data.key"], false, now, true)]);

        var read = RoundTrip(outcome);

        Assert.Equal(outcome.Run with { Errors = [] }, read.Run with { Errors = [] });
        Assert.Equal(errors, read.Run.Errors);
        Assert.Equal(outcome.Inventory, read.Inventory);
        Assert.Equal(outcome.Issues, read.Issues);
        Assert.Equal(outcome.Drifts[0] with { Fields = [] }, read.Drifts[0] with { Fields = [] });
        Assert.Equal(["data.key"], read.Drifts[0].Fields);
    }

    [Fact]
    public void A_sources_persisted_state_round_trips()
    {
        var state = new GitSourceState
        {
            Spec = new SourceSpec("shop", "https://git.example/shop.git", "main", ["apps", "infra"], TimeSpan.FromSeconds(30), true, true, null, SourceOrigin.Api),
            Phase = SourcePhase.Synced,
            RunCount = 9,
            Errors = [new SyncError("apps/web.yaml", 3, "bad indent")],
        };
        state.Inventory["v1/ConfigMap/shop/a"] = new InventoryEntry("apps/a.yaml", "d1", 42, "l1");

        var read = RoundTrip(state);

        Assert.Equal(state.Spec, read.Spec);
        Assert.Equal((state.Phase, state.RunCount), (read.Phase, read.RunCount));
        Assert.Equal(state.Errors, read.Errors);
        Assert.Equal(state.Inventory, read.Inventory);
    }

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    private static KubeObject ConfigMap(string name)
    {
        var map = new KubeObject("v1", "ConfigMap", "shop", name);
        map.Root["data"] = new System.Text.Json.Nodes.JsonObject { ["key"] = "value" };
        return map;
    }
}
