using System.Text.Json.Nodes;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;

namespace GitOps.Grains.Tests.Resources;

public abstract partial class ResourceGrainTestsBase
{
    [Fact]
    public async Task A_patch_applies_to_the_latest_state_and_one_that_names_a_resourceVersion_makes_it_a_precondition()
    {
        var created = await CreateAsync(Deployment("web", 2));
        await GrainOf(created).UpdateStatusAsync(Edited(created, o => o.EnsureStatus()["replicas"] = 2), Ct);

        var latest = await GrainOf(created).PatchAsync(new PatchRequest(PatchType.Merge, """{"spec":{"replicas":5}}"""), Ct);
        var pinned = await GrainOf(created).PatchAsync(new PatchRequest(PatchType.Merge,
            $$$"""{"metadata":{"resourceVersion":"{{{created.Metadata.ResourceVersion}}}"},"spec":{"replicas":7}}"""), Ct);

        Assert.Equal(ResourceOutcome.Updated, latest.Outcome);
        Assert.Equal((5, 2L, 2), (Replicas(latest.Object!), latest.Object!.Metadata.Generation, latest.Object.Status!["replicas"]!.GetValue<int>()));
        Assert.Equal(ResourceOutcome.Conflict, pinned.Outcome);
        Assert.Equal(5, Replicas((await Store.GetAsync(ResourceKey.Of(created), Ct))!));
    }

    [Fact]
    public async Task Strategic_and_json_patches_apply_and_a_patch_may_not_rename_or_fail_silently()
    {
        var created = await CreateAsync(Deployment("web", 2));
        var grain = GrainOf(created);

        var strategic = await grain.PatchAsync(new PatchRequest(PatchType.StrategicMerge,
            """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"envoy:1"}]}}}}"""), Ct);
        var json = await grain.PatchAsync(new PatchRequest(PatchType.Json, """[{"op":"replace","path":"/spec/replicas","value":4}]"""), Ct);
        var rename = await grain.PatchAsync(new PatchRequest(PatchType.Merge, """{"metadata":{"name":"other"}}"""), Ct);
        var failedTest = await grain.PatchAsync(new PatchRequest(PatchType.Json, """[{"op":"test","path":"/spec/replicas","value":1}]"""), Ct);
        var notJson = await grain.PatchAsync(new PatchRequest(PatchType.Merge, "{oops"), Ct);

        Assert.Equal(["main", "sidecar"], strategic.Object!.Spec!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(4, Replicas(json.Object!));
        Assert.Equal((ResourceOutcome.BadRequest, ResourceOutcome.Invalid, ResourceOutcome.BadRequest), (rename.Outcome, failedTest.Outcome, notJson.Outcome));
        Assert.Contains("metadata.name", rename.Message);
        Assert.Contains("test failed", failedTest.Message);
    }

    [Fact]
    public async Task A_status_patch_writes_only_the_status()
    {
        var created = await CreateAsync(Deployment("web", 2));

        var result = await GrainOf(created).PatchAsync(new PatchRequest(PatchType.Merge,
            """{"spec":{"replicas":9},"status":{"readyReplicas":2}}""", Subresource.Status), Ct);

        Assert.Equal(ResourceOutcome.Updated, result.Outcome);
        Assert.Equal((2, 2), (Replicas(result.Object!), result.Object!.Status!["readyReplicas"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Scale_writes_only_spec_replicas_by_put_or_patch_and_refuses_a_negative_count()
    {
        var created = await CreateAsync(Deployment("web", 2));
        var grain = GrainOf(created);

        var put = await grain.ScaleAsync(new ScaleRequest("""{"apiVersion":"autoscaling/v1","kind":"Scale","spec":{"replicas":4}}"""), Ct);
        var patch = await grain.PatchAsync(new PatchRequest(PatchType.Json, """[{"op":"replace","path":"/spec/replicas","value":6}]""", Subresource.Scale), Ct);
        var stale = await grain.ScaleAsync(new ScaleRequest(
            $$$"""{"metadata":{"resourceVersion":"{{{created.Metadata.ResourceVersion}}}"},"spec":{"replicas":1}}"""), Ct);
        var negative = await grain.PatchAsync(new PatchRequest(PatchType.Merge, """{"spec":{"replicas":-1}}""", Subresource.Scale), Ct);

        Assert.Equal((ResourceOutcome.Updated, 4), (put.Outcome, Replicas(put.Object!)));
        Assert.Equal((ResourceOutcome.Updated, 6), (patch.Outcome, Replicas(patch.Object!)));
        Assert.Equal(6, ScaleView.Of(patch.Object!)["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal(ResourceOutcome.Conflict, stale.Outcome);
        Assert.Equal(ResourceOutcome.Invalid, negative.Outcome);
        Assert.Equal("spec.replicas", Assert.Single(negative.Causes!).Field);
        Assert.Equal("nginx:1.25", patch.Object!.Spec!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_creates_merges_and_names_the_other_manager_of_a_conflicting_field_until_forced()
    {
        var intent = Deployment("web", 2);
        var created = await GrainOf(intent).ApplyAsync(new ApplyRequest(intent, "ops"), Ct);
        var other = Edited(intent, o => o.Spec!["replicas"] = 3);

        var conflict = await GrainOf(intent).ApplyAsync(new ApplyRequest(other, "someone"), Ct);
        var forced = await GrainOf(intent).ApplyAsync(new ApplyRequest(other, "someone", Force: true), Ct);

        Assert.Equal(ResourceOutcome.Created, created.Outcome);
        Assert.Equal(ResourceOutcome.Conflict, conflict.Outcome);
        var cause = Assert.Single(conflict.Causes!);
        Assert.Equal(("FieldManagerConflict", ".spec.replicas"), (cause.Reason, cause.Field));
        Assert.Contains("\"ops\"", cause.Message);
        Assert.Equal((ResourceOutcome.Updated, 3), (forced.Outcome, Replicas(forced.Object!)));
        Assert.False(FieldSet.OfManager(forced.Object!, "ops")!.Owns(["spec", "replicas"]));
    }
}
