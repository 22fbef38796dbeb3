using GitOps.Grains.Controllers.GarbageCollection;
using GitOps.Model.Objects;

namespace GitOps.Grains.Tests.GarbageCollection;

public sealed class GarbageCollectionPlannerTests
{
    private static readonly HashSet<string> NoneOutside = [];

    [Fact]
    public void A_dependent_whose_only_owner_is_gone_is_deleted_in_the_background()
    {
        var graph = new OwnershipGraph();
        var dirty = new HashSet<string>();
        graph.Upsert(Object("Pod", "p", "pod-uid", owners: [Owner("rs-uid")]), dirty);

        var actions = GarbageCollectionPlanner.Plan("pod-uid", graph, NoneOutside);

        Assert.Equal(["delete /Pod/default/p (Background)"], actions.Select(a => a.ToString()));
    }

    [Fact]
    public void A_dependent_with_a_live_owner_is_kept()
    {
        var graph = new OwnershipGraph();
        var dirty = new HashSet<string>();
        graph.Upsert(Object("ReplicaSet", "rs", "rs-uid", group: "apps"), dirty);
        graph.Upsert(Object("Pod", "p", "pod-uid", owners: [Owner("rs-uid")]), dirty);

        Assert.Empty(GarbageCollectionPlanner.Plan("pod-uid", graph, NoneOutside));
    }

    [Fact]
    public void A_dependent_whose_owner_was_found_in_the_store_outside_the_graph_is_kept()
    {
        var graph = new OwnershipGraph();
        graph.Upsert(Object("Pod", "p", "pod-uid", owners: [Owner("rs-uid")]), new HashSet<string>());

        Assert.Empty(GarbageCollectionPlanner.Plan("pod-uid", graph, new HashSet<string> { "rs-uid" }));
    }

    [Fact]
    public void Only_the_references_to_gone_owners_are_removed_when_another_owner_lives()
    {
        var graph = new OwnershipGraph();
        var dirty = new HashSet<string>();
        graph.Upsert(Object("ReplicaSet", "rs", "live-uid", group: "apps"), dirty);
        graph.Upsert(Object("Pod", "p", "pod-uid", owners: [Owner("live-uid"), Owner("gone-uid")]), dirty);

        var action = Assert.Single(GarbageCollectionPlanner.Plan("pod-uid", graph, NoneOutside));

        Assert.Equal(GcActionKind.RemoveOwnerReferences, action.Kind);
        Assert.Equal(["gone-uid"], action.OwnerUids!);
    }

    [Fact]
    public void Removing_an_object_marks_its_dependents_for_a_look()
    {
        var graph = new OwnershipGraph();
        var dirty = new HashSet<string>();
        var owner = Object("ReplicaSet", "rs", "rs-uid", group: "apps");
        graph.Upsert(owner, dirty);
        graph.Upsert(Object("Pod", "p", "pod-uid", owners: [Owner("rs-uid")]), dirty);
        dirty.Clear();

        graph.Remove(ResourceKey.Of(owner), dirty);

        Assert.Equal(["pod-uid"], dirty);
    }

    [Fact]
    public void A_foreground_owner_deletes_its_dependents_and_keeps_its_finalizer_while_blocking_ones_remain()
    {
        var graph = new OwnershipGraph();
        var dirty = new HashSet<string>();
        graph.Upsert(Object("ReplicaSet", "rs", "rs-uid", group: "apps", deleting: true, finalizers: [Finalizers.ForegroundDeletion]), dirty);
        graph.Upsert(Object("Pod", "p1", "p1-uid", owners: [Owner("rs-uid", block: true)]), dirty);
        graph.Upsert(Object("Pod", "p2", "p2-uid", owners: [Owner("rs-uid", block: true)], deleting: true, finalizers: ["example.com/hold"]), dirty);

        var actions = GarbageCollectionPlanner.Plan("rs-uid", graph, NoneOutside);

        Assert.Equal(["delete /Pod/default/p1 (Background)"], actions.Select(a => a.ToString()));
    }

    [Fact]
    public void A_foreground_owner_without_blocking_dependents_loses_its_finalizer()
    {
        var graph = new OwnershipGraph();
        var dirty = new HashSet<string>();
        graph.Upsert(Object("ReplicaSet", "rs", "rs-uid", group: "apps", deleting: true, finalizers: [Finalizers.ForegroundDeletion]), dirty);
        graph.Upsert(Object("Pod", "p1", "p1-uid", owners: [Owner("rs-uid", block: false)]), dirty);

        var actions = GarbageCollectionPlanner.Plan("rs-uid", graph, NoneOutside);

        Assert.Equal(["delete /Pod/default/p1 (Background)", "remove finalizer foregroundDeletion from apps/ReplicaSet/default/rs"], actions.Select(a => a.ToString()));
    }

    [Fact]
    public void An_orphaning_owner_lets_go_of_its_dependents_before_its_finalizer_goes()
    {
        var graph = new OwnershipGraph();
        var dirty = new HashSet<string>();
        graph.Upsert(Object("ReplicaSet", "rs", "rs-uid", group: "apps", deleting: true, finalizers: [Finalizers.Orphan]), dirty);
        graph.Upsert(Object("Pod", "p1", "p1-uid", owners: [Owner("rs-uid")]), dirty);

        Assert.Equal(["remove owner references rs-uid from /Pod/default/p1"], GarbageCollectionPlanner.Plan("rs-uid", graph, NoneOutside).Select(a => a.ToString()));

        graph.Upsert(Object("Pod", "p1", "p1-uid"), dirty);

        Assert.Contains("rs-uid", dirty);
        Assert.Equal(["remove finalizer orphan from apps/ReplicaSet/default/rs"], GarbageCollectionPlanner.Plan("rs-uid", graph, NoneOutside).Select(a => a.ToString()));
    }

    private static OwnerReference Owner(string uid, bool block = true) => new("apps/v1", "ReplicaSet", "rs", uid, Controller: true, BlockOwnerDeletion: block);

    private static KubeObject Object(string kind, string name, string uid, OwnerReference[]? owners = null, string group = "", bool deleting = false, string[]? finalizers = null)
    {
        var obj = new KubeObject(group == "" ? "v1" : $"{group}/v1", kind, "default", name);
        obj.Metadata.Uid = uid;
        obj.Metadata.SetOwnerReferences(owners ?? []);
        obj.Metadata.SetFinalizers(finalizers ?? []);
        if (deleting)
            obj.Metadata.DeletionTimestamp = DateTimeOffset.UtcNow;
        return obj;
    }
}
