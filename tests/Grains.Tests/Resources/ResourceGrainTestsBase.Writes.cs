using System.Text.Json.Nodes;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Tests.Resources;

public abstract partial class ResourceGrainTestsBase
{
    [Fact]
    public async Task Create_assigns_uid_creation_timestamp_generation_one_and_a_resource_version()
    {
        var created = await CreateAsync(Deployment("web", 2));

        Assert.True(Guid.TryParse(created.Metadata.Uid, out _));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(await StoreVersionAsync(), created.Metadata.ResourceVersionNumber);
        var stored = await Store.GetAsync(ResourceKey.Of(created), Ct);
        Assert.Equal(created.Metadata.Uid, stored!.Metadata.Uid);
    }

    [Fact]
    public async Task Create_of_an_existing_object_answers_AlreadyExists()
    {
        var created = await CreateAsync(Deployment("web", 2));

        var again = await GrainOf(created).CreateAsync(Deployment("web", 5), Ct);

        Assert.Equal(ResourceOutcome.AlreadyExists, again.Outcome);
        Assert.Equal(2, Replicas(again.Object!));
        Assert.Contains("\"web\"", again.Message);
    }

    [Fact]
    public async Task Create_resets_the_status_of_a_pod_to_pending_and_keeps_the_status_a_node_registers_with()
    {
        var pod = new KubeObject("v1", "Pod", "default", "p1");
        pod.EnsureSpec()["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "nginx:1.27" });
        pod.EnsureStatus()["phase"] = "Running";
        var node = new KubeObject("v1", "Node", null, "node-1");
        node.EnsureStatus()["capacity"] = new JsonObject { ["cpu"] = "4" };

        var createdPod = await CreateAsync(pod);
        var createdNode = await CreateAsync(node);

        Assert.Equal("Pending", createdPod.Status!["phase"]!.GetValue<string>());
        Assert.Equal("4", createdNode.Status!["capacity"]!["cpu"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_object_sent_to_another_objects_grain_is_Invalid()
    {
        var result = await GrainOf(new ResourceKey("apps", "Deployment", "default", "web")).CreateAsync(Deployment("api", 1), Ct);

        Assert.Equal(ResourceOutcome.Invalid, result.Outcome);
        Assert.Contains("api", result.Message);
        Assert.Equal(0, await StoreVersionAsync());
    }

    [Fact]
    public async Task Update_bumps_generation_only_when_the_spec_changes()
    {
        var created = await CreateAsync(Deployment("web", 2));

        var relabelled = await GrainOf(created).UpdateAsync(Edited(created, o => o.Metadata.SetLabel("tier", "front")), Ct);
        var scaled = await GrainOf(created).UpdateAsync(Edited(relabelled.Object!, o => o.Spec!["replicas"] = 3), Ct);

        Assert.Equal(ResourceOutcome.Updated, relabelled.Outcome);
        Assert.Equal(1, relabelled.Object!.Metadata.Generation);
        Assert.Equal(ResourceOutcome.Updated, scaled.Outcome);
        Assert.Equal(2, scaled.Object!.Metadata.Generation);
        Assert.Equal(3, Replicas(scaled.Object));
    }

    [Fact]
    public async Task Update_keeps_status_uid_and_creation_timestamp_whatever_the_caller_sends()
    {
        var created = await CreateAsync(Deployment("web", 2));
        await GrainOf(created).UpdateStatusAsync(Edited(created, o => o.Status = new JsonObject { ["readyReplicas"] = 2 }), Ct);

        var update = Edited(created, o =>
        {
            o.Metadata.ResourceVersion = null;
            o.Metadata.Uid = null;
            o.Metadata.Node.Remove("creationTimestamp");
            o.Status = new JsonObject { ["readyReplicas"] = 99 };
            o.Spec!["replicas"] = 4;
        });
        var result = await GrainOf(created).UpdateAsync(update, Ct);

        Assert.Equal(ResourceOutcome.Updated, result.Outcome);
        Assert.Equal(2, result.Object!.Status!["readyReplicas"]!.GetValue<int>());
        Assert.Equal(created.Metadata.Uid, result.Object.Metadata.Uid);
        Assert.Equal(created.Metadata.CreationTimestamp, result.Object.Metadata.CreationTimestamp);
    }

    [Fact]
    public async Task Update_that_changes_nothing_is_Unchanged_and_costs_no_store_write()
    {
        var created = await CreateAsync(Deployment("web", 2));
        var before = await StoreVersionAsync();

        var result = await GrainOf(created).UpdateAsync(created, Ct);

        Assert.Equal(ResourceOutcome.Unchanged, result.Outcome);
        Assert.Equal(before, await StoreVersionAsync());
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_is_a_Conflict_naming_the_object_and_both_versions()
    {
        var created = await CreateAsync(Deployment("web", 2));
        var current = (await GrainOf(created).UpdateAsync(Edited(created, o => o.Spec!["replicas"] = 3), Ct)).Object!;

        var stale = await GrainOf(created).UpdateAsync(Edited(created, o => o.Spec!["replicas"] = 9), Ct);

        Assert.Equal(ResourceOutcome.Conflict, stale.Outcome);
        Assert.Contains("\"web\"", stale.Message);
        Assert.Contains(created.Metadata.ResourceVersion!, stale.Message);
        Assert.Contains(current.Metadata.ResourceVersion!, stale.Message);
        Assert.Equal(3, Replicas((await Store.GetAsync(ResourceKey.Of(created), Ct))!));
    }

    [Fact]
    public async Task Update_and_status_update_of_a_missing_object_answer_NotFound()
    {
        var missing = Deployment("missing", 1);

        Assert.Equal(ResourceOutcome.NotFound, (await GrainOf(missing).UpdateAsync(missing, Ct)).Outcome);
        Assert.Equal(ResourceOutcome.NotFound, (await GrainOf(missing).UpdateStatusAsync(missing, Ct)).Outcome);
    }

    [Fact]
    public async Task UpdateStatus_changes_only_status()
    {
        var created = await CreateAsync(Deployment("web", 2));

        var result = await GrainOf(created).UpdateStatusAsync(Edited(created, o =>
        {
            o.Spec!["replicas"] = 7;
            o.Metadata.SetLabel("sneaky", "yes");
            o.Status = new JsonObject { ["observedGeneration"] = 1, ["readyReplicas"] = 2 };
        }), Ct);

        Assert.Equal(ResourceOutcome.Updated, result.Outcome);
        Assert.Equal(2, result.Object!.Status!["readyReplicas"]!.GetValue<int>());
        Assert.Equal(2, Replicas(result.Object));
        Assert.Null(result.Object.Metadata.GetLabel("sneaky"));
        Assert.Equal(1, result.Object.Metadata.Generation);
    }

    [Fact]
    public async Task UpdateStatus_with_a_stale_resource_version_is_a_Conflict()
    {
        var created = await CreateAsync(Deployment("web", 2));
        await GrainOf(created).UpdateStatusAsync(Edited(created, o => o.Status = new JsonObject { ["readyReplicas"] = 1 }), Ct);

        var stale = await GrainOf(created).UpdateStatusAsync(Edited(created, o => o.Status = new JsonObject { ["readyReplicas"] = 2 }), Ct);

        Assert.Equal(ResourceOutcome.Conflict, stale.Outcome);
        Assert.Equal(1, stale.Object!.Status!["readyReplicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_write_that_bypassed_the_grain_makes_the_next_grain_write_a_Conflict_after_which_the_grain_has_reread()
    {
        var created = await CreateAsync(Deployment("web", 2));
        var behindTheBack = await Store.WriteAsync(ResourceWrite.Update(Edited(created, o => o.Spec!["replicas"] = 5)), Ct);
        Assert.True(behindTheBack.Succeeded);

        var lost = await GrainOf(created).UpdateAsync(Edited(created, o => { o.Metadata.ResourceVersion = null; o.Spec!["replicas"] = 3; }), Ct);
        var retried = await GrainOf(created).UpdateAsync(Edited(lost.Object!, o => o.Spec!["replicas"] = 3), Ct);

        Assert.Equal(ResourceOutcome.Conflict, lost.Outcome);
        Assert.Equal(5, Replicas(lost.Object!));
        Assert.Equal(ResourceOutcome.Updated, retried.Outcome);
        Assert.Equal(3, Replicas(retried.Object!));
    }

    [Fact]
    public async Task A_grain_reads_its_object_from_the_store_on_activation()
    {
        var stored = Deployment("seeded", 4);
        stored.Metadata.Uid = "uid-1";
        await Store.WriteAsync(ResourceWrite.Create(stored), Ct);

        var again = await GrainOf(stored).CreateAsync(stored, Ct);

        Assert.Equal(ResourceOutcome.AlreadyExists, again.Outcome);
        Assert.Equal("uid-1", again.Object!.Metadata.Uid);
    }
}
