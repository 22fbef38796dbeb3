using System.Text.Json.Nodes;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;

namespace GitOps.Grains.Tests.Resources;

/// <summary>
/// Validation and Git's field ownership, for writers that call the grain directly as controllers
/// do. The silo composes no GitSync, so the default answer holds: every source heals, and every
/// change to a field Git owns is refused.
/// </summary>
public abstract partial class ResourceGrainTestsBase
{
    [Fact]
    public async Task A_controller_write_of_an_invalid_object_is_Invalid_with_one_cause_per_field()
    {
        var created = await CreateAsync(Deployment("web", 2));

        var update = await GrainOf(created).UpdateAsync(Edited(created, o => o.Metadata.SetLabel("app", "not a label value!")), Ct);
        var patch = await GrainOf(created).PatchAsync(new PatchRequest(PatchType.Merge, """{"metadata":{"annotations":{"bad key":"v"}}}"""), Ct);
        var create = await GrainOf(new ResourceKey("", "Pod", "default", "Bad_Name")).CreateAsync(new KubeObject("v1", "Pod", "default", "Bad_Name"), Ct);
        var fromGit = await GrainOf(created).ApplyDesiredAsync(FromGit(Edited(created, o => o.Metadata.SetLabel("tier", "-bad-"))), Ct);
        var noContainers = await GrainOf(created).UpdateAsync(Edited(created, o => o.Spec!["template"]!["spec"]!["containers"] = new JsonArray()), Ct);

        foreach (var refused in new[] { update, patch, create, fromGit, noContainers })
            Assert.Equal(ResourceOutcome.Invalid, refused.Outcome);
        Assert.Equal("metadata.labels[app]", Assert.Single(update.Causes!).Field);
        Assert.Contains("not a label value!", update.Causes![0].Message);
        Assert.All(patch.Causes!, cause => Assert.Equal("metadata.annotations", cause.Field));
        Assert.Equal([("metadata.name", "FieldValueInvalid"), ("spec", "FieldValueRequired")], create.Causes!.Select(c => (c.Field!, c.Reason)));
        Assert.Equal(("spec.template.spec.containers", "FieldValueRequired"), (Assert.Single(noContainers.Causes!).Field, noContainers.Causes![0].Reason));
        Assert.Equal("web", (await Store.GetAsync(ResourceKey.Of(created), Ct))!.Metadata.GetLabel("app"));
    }

    [Fact]
    public async Task A_controller_change_to_a_field_Git_owns_is_Forbidden_naming_the_file_to_edit()
    {
        var created = (await GrainOf(Deployment("web", 2)).ApplyDesiredAsync(FromGit(Deployment("web", 2), commit: "c9"), Ct)).Object!;
        var grain = GrainOf(created);

        var replicas = await grain.UpdateAsync(Edited(created, o => o.Spec!["replicas"] = 5), Ct);
        var image = await grain.PatchAsync(new PatchRequest(PatchType.StrategicMerge,
            """{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"nginx:2"}]}}}}"""), Ct);
        var scale = await grain.ScaleAsync(new ScaleRequest("""{"spec":{"replicas":0}}"""), Ct);
        var apply = await grain.ApplyAsync(new ApplyRequest(Edited(Deployment("web", 2), o => o.Metadata.SetLabel("app", "mine")), "kubectl", Force: true), Ct);
        var stamp = await grain.UpdateAsync(Edited(created, o => o.Metadata.SetLabel(GitOpsMetadata.SourceLabel, "mine")), Ct);
        var delete = await grain.DeleteAsync(new DeleteRequest(), Ct);

        foreach (var refused in new[] { replicas, image, scale, apply, stamp, delete })
        {
            Assert.Equal(ResourceOutcome.Forbidden, refused.Outcome);
            Assert.Contains("apps/web.yaml", refused.Message);
            Assert.Contains("https://git.example.com/platform.git", refused.Message);
            Assert.Contains("c9", refused.Message);
        }
        Assert.Contains("spec.replicas", replicas.Message);
        Assert.Contains("spec.template", image.Message);
        Assert.Contains("metadata.labels.app", apply.Message);
        Assert.Contains(GitOpsMetadata.SourceLabel, stamp.Message);
        Assert.Equal(created.Metadata.ResourceVersion, (await Store.GetAsync(ResourceKey.Of(created), Ct))!.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Writes_to_fields_Git_does_not_own_pass_on_an_object_Git_declares()
    {
        var pod = new KubeObject("v1", "Pod", "default", "worker");
        pod.EnsureSpec()["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "busybox" });
        var created = (await GrainOf(pod).ApplyDesiredAsync(FromGit(pod, path: "pods/worker.yaml"), Ct)).Object!;
        var grain = GrainOf(created);

        var bound = await grain.PatchAsync(new PatchRequest(PatchType.Merge, """{"spec":{"nodeName":"node-1"}}"""), Ct);
        var status = await grain.PatchAsync(new PatchRequest(PatchType.Merge, """{"status":{"phase":"Running"}}""", Subresource.Status), Ct);
        var annotated = await grain.UpdateAsync(Edited(status.Object!, o =>
        {
            o.Metadata.SetAnnotation("kubectl.kubernetes.io/restartedAt", "now");
            o.Metadata.SetFinalizers(["example.com/keep"]);
        }), Ct);

        foreach (var passed in new[] { bound, status, annotated })
            Assert.Equal(ResourceOutcome.Updated, passed.Outcome);
        Assert.Equal(("node-1", "Running", "now"), (annotated.Object!.Spec!["nodeName"]!.GetValue<string>(),
            annotated.Object.Status!["phase"]!.GetValue<string>(), annotated.Object.Metadata.GetAnnotation("kubectl.kubernetes.io/restartedAt")));
    }

    [Fact]
    public async Task A_writer_cannot_drop_Gits_ownership_by_rewriting_managedFields()
    {
        var created = (await GrainOf(Deployment("web", 2)).ApplyDesiredAsync(FromGit(Deployment("web", 2)), Ct)).Object!;
        var withoutOwners = Edited(created, o => o.Metadata.Node["managedFields"] = new JsonArray());

        var replicas = await GrainOf(created).UpdateAsync(Edited(withoutOwners, o => o.Spec!["replicas"] = 7), Ct);
        var label = await GrainOf(created).UpdateAsync(Edited(withoutOwners, o => o.Metadata.SetLabel("team", "shop")), Ct);

        Assert.Equal(ResourceOutcome.Forbidden, replicas.Outcome);
        Assert.Equal(ResourceOutcome.Updated, label.Outcome);
        Assert.True(FieldSet.OfManager(label.Object!, GitOpsMetadata.FieldManager)!.Owns(["spec", "replicas"]));
    }

    [Fact]
    public async Task The_garbage_collectors_cascade_and_its_own_sources_prune_may_delete_what_Git_declares()
    {
        var collected = (await GrainOf(Deployment("collected", 1)).ApplyDesiredAsync(FromGit(Deployment("collected", 1)), Ct)).Object!;
        var pruned = (await GrainOf(Deployment("pruned", 1)).ApplyDesiredAsync(FromGit(Deployment("pruned", 1), run: 3), Ct)).Object!;

        var cascade = await GrainOf(collected).DeleteAsync(new DeleteRequest(HolderGone: true), Ct);
        var prune = await GrainOf(pruned).DeleteAsync(new DeleteRequest("Background", SyncRun: new SourceRun("main", 3)), Ct);

        Assert.Equal((ResourceOutcome.Deleted, ResourceOutcome.Deleted), (cascade.Outcome, prune.Outcome));
    }
}
