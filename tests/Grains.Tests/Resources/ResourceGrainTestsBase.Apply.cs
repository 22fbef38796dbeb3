using System.Text.Json.Nodes;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;

namespace GitOps.Grains.Tests.Resources;

public abstract partial class ResourceGrainTestsBase
{
    [Fact]
    public async Task ApplyDesired_creates_a_missing_object_stamped_with_its_source_path_and_commit()
    {
        var result = await GrainOf(Deployment("web", 2)).ApplyDesiredAsync(FromGit(Deployment("web", 2)), Ct);

        Assert.Equal(ResourceOutcome.Created, result.Outcome);
        var meta = result.Object!.Metadata;
        Assert.Equal("main", meta.GetLabel(GitOpsMetadata.SourceLabel));
        Assert.Equal("https://git.example.com/platform.git", meta.GetAnnotation(GitOpsMetadata.RepositoryAnnotation));
        Assert.Equal("apps/web.yaml", meta.GetAnnotation(GitOpsMetadata.PathAnnotation));
        Assert.Equal("c1", meta.GetAnnotation(GitOpsMetadata.CommitAnnotation));
        Assert.Equal("web", meta.GetLabel("app"));
        Assert.Equal(1, meta.Generation);
        Assert.NotNull(meta.Uid);
    }

    [Fact]
    public async Task ApplyDesired_of_an_unchanged_object_costs_no_store_write_even_from_a_new_commit()
    {
        await GrainOf(Deployment("web", 2)).ApplyDesiredAsync(FromGit(Deployment("web", 2)), Ct);
        var before = await StoreVersionAsync();

        var sameCommit = await GrainOf(Deployment("web", 2)).ApplyDesiredAsync(FromGit(Deployment("web", 2)), Ct);
        var newCommit = await GrainOf(Deployment("web", 2)).ApplyDesiredAsync(FromGit(Deployment("web", 2), commit: "c2"), Ct);

        Assert.Equal(ResourceOutcome.Unchanged, sameCommit.Outcome);
        Assert.Equal(ResourceOutcome.Unchanged, newCommit.Outcome);
        Assert.Equal(before, await StoreVersionAsync());
        Assert.Equal("c1", newCommit.Object!.Metadata.GetAnnotation(GitOpsMetadata.CommitAnnotation));
    }

    [Fact]
    public async Task ApplyDesired_of_a_changed_spec_bumps_generation_and_keeps_what_the_cluster_owns()
    {
        var created = (await GrainOf(Deployment("web", 2)).ApplyDesiredAsync(FromGit(Deployment("web", 2)), Ct)).Object!;
        var owner = new OwnerReference("v1", "Namespace", "default", "ns-uid");
        var clusterEdited = await GrainOf(created).UpdateAsync(Edited(created, o =>
        {
            o.Metadata.SetFinalizers(["example.com/protect"]);
            o.Metadata.SetOwnerReferences([owner]);
            o.Metadata.SetLabel("team", "payments");
            o.Metadata.SetAnnotation("note", "kept");
        }), Ct);
        await GrainOf(created).UpdateStatusAsync(Edited(clusterEdited.Object!, o => o.Status = new JsonObject { ["readyReplicas"] = 2 }), Ct);

        var result = await GrainOf(created).ApplyDesiredAsync(FromGit(Deployment("web", 5), commit: "c2"), Ct);

        Assert.Equal(ResourceOutcome.Updated, result.Outcome);
        var applied = result.Object!;
        Assert.Equal(5, Replicas(applied));
        Assert.Equal(2, applied.Metadata.Generation);
        Assert.Equal("c2", applied.Metadata.GetAnnotation(GitOpsMetadata.CommitAnnotation));
        Assert.Equal(created.Metadata.Uid, applied.Metadata.Uid);
        Assert.Equal(created.Metadata.CreationTimestamp, applied.Metadata.CreationTimestamp);
        Assert.Equal(2, applied.Status!["readyReplicas"]!.GetValue<int>());
        Assert.Equal(["example.com/protect"], applied.Metadata.Finalizers);
        Assert.Equal([owner], applied.Metadata.OwnerReferences);
        Assert.Equal("payments", applied.Metadata.GetLabel("team"));
        Assert.Equal("kept", applied.Metadata.GetAnnotation("note"));
    }

    [Fact]
    public async Task ApplyDesired_removes_labels_and_annotations_removed_from_Git_and_keeps_those_others_added()
    {
        var v1 = Edited(Deployment("web", 2), o =>
        {
            o.Metadata.SetLabel("tier", "front");
            o.Metadata.SetAnnotation("owner", "team-a");
        });
        var created = (await GrainOf(v1).ApplyDesiredAsync(FromGit(v1), Ct)).Object!;
        await GrainOf(created).UpdateAsync(Edited(created, o => o.Metadata.SetLabel("added-by", "kubectl")), Ct);

        var v2 = Edited(v1, o =>
        {
            o.Metadata.SetLabel("tier", null);
            o.Metadata.SetAnnotation("owner", null);
        });
        var result = await GrainOf(v2).ApplyDesiredAsync(FromGit(v2, commit: "c2"), Ct);

        Assert.Equal(ResourceOutcome.Updated, result.Outcome);
        var meta = result.Object!.Metadata;
        Assert.Null(meta.GetLabel("tier"));
        Assert.Null(meta.GetAnnotation("owner"));
        Assert.Equal("kubectl", meta.GetLabel("added-by"));
        Assert.Equal("web", meta.GetLabel("app"));
        Assert.Equal(1, meta.Generation);
    }

    [Fact]
    public async Task A_hand_edit_of_a_field_Git_owns_is_Forbidden_and_Git_still_changes_it()
    {
        var created = (await GrainOf(Deployment("web", 2)).ApplyDesiredAsync(FromGit(Deployment("web", 2)), Ct)).Object!;
        var edited = await GrainOf(created).UpdateAsync(Edited(created, o => o.Spec!["replicas"] = 9), Ct);

        var result = await GrainOf(created).ApplyDesiredAsync(FromGit(Deployment("web", 3)), Ct);

        Assert.Equal(ResourceOutcome.Forbidden, edited.Outcome);
        Assert.Equal(ResourceOutcome.Updated, result.Outcome);
        Assert.Equal(3, Replicas(result.Object!));
        Assert.Equal(2, result.Object!.Metadata.Generation);
    }

    [Fact]
    public async Task ApplyDesired_replaces_the_data_of_kinds_without_a_spec()
    {
        var v1 = new KubeObject("v1", "ConfigMap", "default", "settings");
        v1.Root["data"] = new JsonObject { ["a"] = "1", ["b"] = "2" };
        await GrainOf(v1).ApplyDesiredAsync(FromGit(v1), Ct);
        var v2 = Edited(v1, o => o.Root["data"] = new JsonObject { ["a"] = "1" });

        var result = await GrainOf(v2).ApplyDesiredAsync(FromGit(v2, commit: "c2"), Ct);

        Assert.Equal(ResourceOutcome.Updated, result.Outcome);
        Assert.Equal("{\"a\":\"1\"}", result.Object!.Root["data"]!.ToJsonString());
    }

    [Fact]
    public async Task ApplyDesired_keeps_spec_fields_others_set_that_Git_never_declared()
    {
        var pod = new KubeObject("v1", "Pod", "jobs", "sleeper");
        pod.Root["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "busybox" }) };
        var created = (await GrainOf(pod).ApplyDesiredAsync(FromGit(pod), Ct)).Object!;
        var bound = (await GrainOf(created).UpdateAsync(Edited(created, o => o.Spec!["nodeName"] = "node-1"), Ct)).Object!;

        var again = await GrainOf(pod).ApplyDesiredAsync(FromGit(pod, commit: "c2"), Ct);

        Assert.Equal(ResourceOutcome.Unchanged, again.Outcome);
        Assert.Equal(bound.Metadata.ResourceVersion, again.Object!.Metadata.ResourceVersion);
        Assert.Equal("node-1", again.Object.Spec!["nodeName"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApplyDesired_removes_a_spec_field_Git_stopped_declaring_and_keeps_one_another_writer_added()
    {
        var v1 = Edited(Deployment("web", 2), o => o.Spec!["minReadySeconds"] = 5);
        var created = (await GrainOf(v1).ApplyDesiredAsync(FromGit(v1), Ct)).Object!;
        await GrainOf(created).UpdateAsync(Edited(created, o => o.Spec!["paused"] = true), Ct);
        var v2 = Edited(v1, o => o.Spec!.Remove("minReadySeconds"));

        var result = await GrainOf(v2).ApplyDesiredAsync(FromGit(v2, commit: "c2"), Ct);

        Assert.Equal(ResourceOutcome.Updated, result.Outcome);
        Assert.Null(result.Object!.Spec!["minReadySeconds"]);
        Assert.True(result.Object.Spec["paused"]!.GetValue<bool>());
        Assert.Equal(2, Replicas(result.Object));
    }

    [Fact]
    public async Task ApplyDesired_to_another_objects_grain_is_Invalid()
    {
        var result = await GrainOf(Deployment("web", 1)).ApplyDesiredAsync(FromGit(Deployment("api", 1)), Ct);

        Assert.Equal(ResourceOutcome.Invalid, result.Outcome);
    }

    [Fact]
    public async Task ApplyDesired_from_an_older_sync_run_of_the_same_source_is_a_Conflict_and_changes_nothing()
    {
        await GrainOf(Deployment("web", 2)).ApplyDesiredAsync(FromGit(Deployment("web", 2), run: 4), Ct);
        var newer = await GrainOf(Deployment("web", 3)).ApplyDesiredAsync(FromGit(Deployment("web", 3), commit: "c2", run: 6), Ct);
        var before = await StoreVersionAsync();

        var stale = await GrainOf(Deployment("web", 2)).ApplyDesiredAsync(FromGit(Deployment("web", 2), run: 5), Ct);

        Assert.Equal(ResourceOutcome.Conflict, stale.Outcome);
        Assert.Contains("run 6", stale.Message);
        Assert.Equal(before, await StoreVersionAsync());
        Assert.Equal("6", newer.Object!.Metadata.GetAnnotation(GitOpsMetadata.SyncRunAnnotation));
        Assert.Equal(3, Replicas((await Store.GetAsync(ResourceKey.Of(newer.Object), Ct))!));
    }

    [Fact]
    public async Task A_later_run_changes_the_object_and_an_unchanged_one_keeps_the_run_that_last_changed_it()
    {
        await GrainOf(Deployment("web", 2)).ApplyDesiredAsync(FromGit(Deployment("web", 2), run: 1), Ct);

        var unchanged = await GrainOf(Deployment("web", 2)).ApplyDesiredAsync(FromGit(Deployment("web", 2), run: 2), Ct);
        var changed = await GrainOf(Deployment("web", 4)).ApplyDesiredAsync(FromGit(Deployment("web", 4), commit: "c3", run: 3), Ct);

        Assert.Equal((ResourceOutcome.Unchanged, "1"), (unchanged.Outcome, unchanged.Object!.Metadata.GetAnnotation(GitOpsMetadata.SyncRunAnnotation)));
        Assert.Equal((ResourceOutcome.Updated, "3"), (changed.Outcome, changed.Object!.Metadata.GetAnnotation(GitOpsMetadata.SyncRunAnnotation)));
    }

    [Fact]
    public async Task A_prune_by_an_older_sync_run_of_the_same_source_is_a_Conflict_another_sources_is_Forbidden_and_a_later_one_deletes()
    {
        var created = (await GrainOf(Deployment("web", 2)).ApplyDesiredAsync(FromGit(Deployment("web", 2), run: 7), Ct)).Object!;

        var stale = await GrainOf(created).DeleteAsync(new DeleteRequest("Background", SyncRun: new SourceRun("main", 6)), Ct);
        var otherSource = await GrainOf(created).DeleteAsync(new DeleteRequest("Background", SyncRun: new SourceRun("other", 1)), Ct);
        var later = await GrainOf(created).DeleteAsync(new DeleteRequest("Background", SyncRun: new SourceRun("main", 8)), Ct);

        Assert.Equal(ResourceOutcome.Conflict, stale.Outcome);
        Assert.Equal(ResourceOutcome.Forbidden, otherSource.Outcome);
        Assert.Equal(ResourceOutcome.Deleted, later.Outcome);
    }

    [Fact]
    public async Task ApplyDesired_from_another_source_is_a_Conflict_naming_the_owner_unless_that_source_let_the_object_go()
    {
        var created = (await GrainOf(Deployment("web", 2)).ApplyDesiredAsync(FromGit(Deployment("web", 2)), Ct)).Object!;
        var claimant = FromGit(Deployment("web", 5), path: "infra/web.yaml") with { Source = "infra" };

        var refused = await GrainOf(created).ApplyDesiredAsync(claimant, Ct);
        var takenOver = await GrainOf(created).ApplyDesiredAsync(claimant with { TakeOverFrom = "main" }, Ct);

        Assert.Equal(ResourceOutcome.Conflict, refused.Outcome);
        Assert.Contains("managed by Git source \"main\" (apps/web.yaml in https://git.example.com/platform.git, commit c1)", refused.Message);
        Assert.Contains("source \"infra\" also declares it in infra/web.yaml", refused.Message);
        Assert.Equal(2, Replicas(refused.Object!));
        Assert.Equal(ResourceOutcome.Updated, takenOver.Outcome);
        Assert.Equal(("infra", 5), (takenOver.Object!.Metadata.GetLabel(GitOpsMetadata.SourceLabel), Replicas(takenOver.Object)));
    }
}
